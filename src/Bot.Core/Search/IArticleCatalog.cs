using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>One line of the article list.</summary>
/// <param name="Number">1-based position in the list (newest first), usable as «/summary 2».</param>
public sealed record ArticleInfo(int Number, string Id, string Title, DateOnly? Date, int PassageCount);

/// <summary>Which page of the article list to show.</summary>
/// <param name="Page">1-based page number; past the last page gives the last page.</param>
/// <param name="Filter">Words that titles must match (through the index); null or empty for every article.</param>
public sealed record ArticleListQuery(int Page = 1, int PageSize = 10, string? Filter = null)
{
    /// <summary>An archive is never listed whole: pages hold at most this many articles.</summary>
    public const int MaxPageSize = 200;
}

/// <summary>One page of the article list, newest first.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleInfo> Items, int Page, int PageCount, int Total)
{
    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

/// <summary>Read access to the indexed articles and their passages.</summary>
public interface IArticleCatalog
{
    /// <summary>How many articles are indexed.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>One page of articles, newest first (undated last), numbered from 1 across the whole list.</summary>
    Task<ArticlePage> PageAsync(ArticleListQuery query, CancellationToken cancellationToken);

    Task<Article?> GetAsync(string articleId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Passage>> GetPassagesAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Finds an article by id, list number, or words of its title; null when nothing matches.</summary>
    Task<Article?> ResolveAsync(string reference, CancellationToken cancellationToken);
}
