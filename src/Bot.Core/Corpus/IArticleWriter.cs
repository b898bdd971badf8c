namespace Bot.Core.Corpus;

/// <summary>
/// Adds, replaces and removes single articles (feeds, links, channel posts, uploads): each change is stored durably
/// and applied to the index incrementally, searchable as soon as the call returns.
/// </summary>
public interface IArticleWriter
{
    /// <summary>
    /// Stores the article (replacing one with the same id). An article whose URL or text is already in the archive
    /// under another id is not added: the result names the existing one.
    /// </summary>
    Task<ArticleWriteResult> AddAsync(Article article, CancellationToken cancellationToken);

    /// <summary>Removes an article; false when there was none with that id.</summary>
    Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken);
}

/// <param name="Article">The stored article, or the existing one when <paramref name="Duplicate"/>.</param>
/// <param name="Duplicate">True when nothing was added because the URL or the text was already there.</param>
/// <param name="ArticleCount">Articles in the archive after the call.</param>
public sealed record ArticleWriteResult(Article Article, bool Duplicate, int ArticleCount);
