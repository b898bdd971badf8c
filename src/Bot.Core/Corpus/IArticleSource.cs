namespace Bot.Core.Corpus;

/// <summary>One file of articles as the file system describes it; nothing is read to make it.</summary>
/// <param name="Path">Relative to the source, '/' separated; the same file always has the same path.</param>
internal sealed record SourceFile(string Path, long Length, long ModifiedTicks);

/// <summary>Where articles come from: files in a folder, or one (optionally gzipped) JSONL archive.</summary>
internal interface IArticleSource
{
    /// <summary>Every article file with its size and modification time, in a stable order.</summary>
    /// <exception cref="DirectoryNotFoundException">The configured articles folder or file does not exist.</exception>
    IReadOnlyList<SourceFile> ListFiles();

    /// <summary>
    /// The articles of one file, streamed (a JSONL archive is never held in memory whole). Unreadable files and
    /// entries are skipped with a warning naming them, never thrown.
    /// </summary>
    IAsyncEnumerable<Article> ReadAsync(SourceFile file, CancellationToken cancellationToken);
}

/// <summary>Adds a document to the collection (used by admins uploading files to the bot).</summary>
public interface IArticleIngestor
{
    /// <summary>Stores the document, indexes it, and reports the article it became.</summary>
    /// <exception cref="InvalidArticleException">The file is not a readable article; the collection is unchanged.</exception>
    Task<IngestResult> AddAsync(string fileName, Stream content, CancellationToken cancellationToken);
}

/// <param name="Article">The first article added, or when none was, the archived article the upload repeats.</param>
/// <param name="ArticleCount">Articles in the archive after the upload.</param>
/// <param name="Added">Articles of the file that were added.</param>
/// <param name="AlreadyArchived">Articles of the file whose text or URL was already archived: not added again.</param>
public sealed record IngestResult(Article Article, int ArticleCount, int Added, int AlreadyArchived);

/// <summary>A document that cannot become an article; <see cref="Exception.Message"/> is safe to show (Arabic).</summary>
public sealed class InvalidArticleException(string message) : Exception(message);
