using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Adds single articles (feeds, links, channel posts): each is written as a JSON file into the added-articles
/// folder (so a full rebuild keeps it) and indexed at once as a changed file. Duplicates by URL or text are refused.
/// A new article (not a replaced one) is then published for keyword alerts: this is where articles of every source
/// enter the index on the replica that received them (the others follow through their feed and publish nothing).
/// </summary>
public sealed partial class IndexedArticleWriter(
    CorpusLocation corpus, IIndexViews views, IIndexMaintenance index, ArticlePublications publications, ILogger<IndexedArticleWriter> logger) : IArticleWriter
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ArticleWriteResult> AddAsync(Article article, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var safe = article with { Id = JsonArticleReader.SafeId(article.Id) };
            bool replaces;
            using (var view = await views.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                if (view.FindDuplicate(safe) is { } existing)
                {
                    return new ArticleWriteResult(existing, Duplicate: true, view.ArticleCount);
                }
                replaces = view.Article(safe.Id) is not null;
            }

            if (await AddedArticleFiles.WriteAsync(corpus, safe, cancellationToken).ConfigureAwait(false) is { } changed)
            {
                await index.ApplyAsync([changed], CancellationToken.None).ConfigureAwait(false);
            }
            using var after = await views.AcquireAsync(cancellationToken).ConfigureAwait(false);
            LogAdded(safe.Id, after.ArticleCount);
            var stored = after.Article(safe.Id) ?? safe;
            if (!replaces)
            {
                publications.Publish(stored);
            }
            return new ArticleWriteResult(stored, Duplicate: false, after.ArticleCount);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (AddedArticleFiles.Delete(corpus, JsonArticleReader.SafeId(articleId)) is not { } removed)
            {
                return false;
            }
            await index.ApplyAsync([removed], CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added article {ArticleId}; {Count} articles now")]
    private partial void LogAdded(string articleId, int count);
}
