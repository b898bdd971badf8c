using Bot.Core.Arabic;
using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>The article list and lookups, served from the index (nothing of the archive is kept in memory).</summary>
internal sealed class IndexedArticleCatalog(ArticleIndex index) : IArticleCatalog
{
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.ArticleCount;
    }

    public async Task<ArticlePage> PageAsync(ArticleListQuery query, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.Page(query);
    }

    public async Task<Article?> GetAsync(string articleId, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.Article(articleId);
    }

    public async Task<IReadOnlyList<Passage>> GetPassagesAsync(string articleId, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.PassagesOf(articleId);
    }

    public async Task<Article?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var wanted = reference.Trim();
        if (wanted.Length == 0)
        {
            return null;
        }

        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        if (snapshot.Article(wanted) is { } byId)
        {
            return byId;
        }
        if (int.TryParse(ArabicNormalizer.Normalize(wanted), out var number))
        {
            return snapshot.AtNumber(number);
        }
        return snapshot.ByTitle(wanted);
    }
}
