using Bot.Core.Chunking;

namespace Bot.Core.Search;

/// <summary>A passage returned by a search, best first.</summary>
public sealed record RankedPassage(int Rank, Passage Passage, double Score)
{
    /// <summary>Ids of other articles that carry the same story (near-duplicates folded into this result).</summary>
    public IReadOnlyList<string> Copies { get; init; } = [];
}

/// <summary>The search backend boundary (Lucene on disk today; hybrid, PostgreSQL later).</summary>
public interface IPassageSearch
{
    Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken);
}
