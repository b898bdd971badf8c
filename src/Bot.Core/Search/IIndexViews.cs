using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>
/// Point-in-time views of the live index for the projects around it (dense retrieval, the digest, the article
/// writers), so they follow the index without knowing Lucene: one view per operation, disposed when done.
/// </summary>
public interface IIndexViews
{
    /// <summary>The current view; searches keep working on it while an update swaps in a new one.</summary>
    Task<IIndexView> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>One view of the index, held until disposed.</summary>
public interface IIndexView : IDisposable
{
    /// <summary>
    /// The same object for as long as the index has not changed, a new one after every update: a key for work kept per
    /// view (compared by reference, never read).
    /// </summary>
    object Version { get; }

    int ArticleCount { get; }

    /// <summary>
    /// Every article that has passages, with the sequence number it was indexed under (a changed article gets a new
    /// one), read without loading text: a consumer that keeps work per article redoes it only for what changed.
    /// </summary>
    IEnumerable<(string Id, long Sequence)> ArticleVersions();

    Article? Article(string id);

    IReadOnlyList<Passage> PassagesOf(string articleId);

    /// <summary>The passage with this 1-based ordinal in its article, or null.</summary>
    Passage? Passage(string articleId, int ordinal);

    /// <summary>The first article stored with this article's URL (normalised) or text under another id, or null.</summary>
    Article? FindDuplicate(Article article);
}
