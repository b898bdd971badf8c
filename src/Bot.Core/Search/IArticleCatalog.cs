using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>One line of the article list.</summary>
/// <param name="Number">1-based position in the list (newest first), usable as «/summary 2».</param>
public sealed record ArticleInfo(int Number, string Id, string Title, DateOnly? Date, int PassageCount);

/// <summary>Read access to the indexed articles and their passages.</summary>
public interface IArticleCatalog
{
    /// <summary>All articles, newest first (undated last), numbered from 1.</summary>
    Task<IReadOnlyList<ArticleInfo>> ListAsync(CancellationToken cancellationToken);

    Task<Article?> GetAsync(string articleId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Passage>> GetPassagesAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Finds an article by id, list number, or words of its title; null when nothing matches.</summary>
    Task<Article?> ResolveAsync(string reference, CancellationToken cancellationToken);
}
