namespace Bot.Core.Corpus;

/// <summary>Where articles come from (a folder today, a database later).</summary>
public interface IArticleSource
{
    /// <summary>A fingerprint of the whole collection; changes whenever any article's content changes.</summary>
    Task<string> FingerprintAsync(CancellationToken cancellationToken);

    /// <summary>Reads every readable article; unreadable files are skipped with a warning, never thrown.</summary>
    Task<IReadOnlyList<Article>> LoadAsync(CancellationToken cancellationToken);
}

/// <summary>Adds a document to the collection (used by admins uploading files to the bot).</summary>
public interface IArticleIngestor
{
    /// <summary>Stores the document, reindexes, and reports the article it became.</summary>
    /// <exception cref="InvalidArticleException">The file is not a readable article; the collection is unchanged.</exception>
    Task<IngestResult> AddAsync(string fileName, Stream content, CancellationToken cancellationToken);
}

public sealed record IngestResult(Article Article, int ArticleCount);

/// <summary>A document that cannot become an article; <see cref="Exception.Message"/> is safe to show (Arabic).</summary>
public sealed class InvalidArticleException(string message) : Exception(message);
