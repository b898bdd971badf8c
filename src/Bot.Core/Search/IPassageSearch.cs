using Bot.Core.Chunking;

namespace Bot.Core.Search;

/// <summary>A passage returned by a search, best first.</summary>
/// <param name="AlsoPublishedIn">
/// Other articles telling the same story (the same wire report from other outlets) that the search folded into
/// this one, so results are not copies of one story.
/// </param>
public sealed record RankedPassage(int Rank, Passage Passage, double Score, IReadOnlyList<string>? AlsoPublishedIn = null)
{
    public IReadOnlyList<string> AlsoPublishedIn { get; init; } = AlsoPublishedIn ?? [];
}

/// <summary>The search backend boundary: Lucene BM25 on disk, fused with the n-gram and (with a model) dense retrievers by <c>Search:Mode</c>.</summary>
public interface IPassageSearch
{
    Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken);
}
