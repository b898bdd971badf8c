using Bot.Core.Arabic;
using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>The article list and lookups, served from the stored corpus of the live index generation.</summary>
internal sealed class IndexedArticleCatalog(ArticleIndex index) : IArticleCatalog
{
    public async Task<IReadOnlyList<ArticleInfo>> ListAsync(CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.ArticleList;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.Snapshot.Articles.Count;
    }

    public async Task<ArticlePage> PageAsync(ArticleListQuery query, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ArticleInfo> list = lease.Snapshot.ArticleList;
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            var terms = ArabicSearchAnalyzer.Instance.Terms(query.Filter).ToHashSet(StringComparer.Ordinal);
            list = list.Where(a => ArabicSearchAnalyzer.Instance.Terms(a.Title).Any(terms.Contains)).ToList();
        }
        var size = Math.Max(1, query.PageSize);
        var pages = Math.Max(1, (list.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pages);
        return new ArticlePage(list.Skip((page - 1) * size).Take(size).ToList(), page, pages, list.Count);
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

        var list = snapshot.ArticleList;
        if (int.TryParse(ArabicNormalizer.Normalize(wanted), out var number))
        {
            return number >= 1 && number <= list.Count ? snapshot.Article(list[number - 1].Id) : null;
        }

        // Title words: the article whose title shares the most analysed terms, ties to the newest.
        var terms = ArabicSearchAnalyzer.Instance.Terms(wanted).ToHashSet(StringComparer.Ordinal);
        if (terms.Count == 0)
        {
            return null;
        }
        var best = list
            .Select(info => (info, score: ArabicSearchAnalyzer.Instance.Terms(info.Title).Distinct().Count(terms.Contains)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.info.Number)
            .FirstOrDefault();
        return best.info is null ? null : snapshot.Article(best.info.Id);
    }
}
