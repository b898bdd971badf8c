using Bot.Core.Chunking;

namespace Bot.Core.Search;

/// <summary>A passage returned by a search, best first.</summary>
public sealed record RankedPassage(int Rank, Passage Passage, double Score);

/// <summary>The search backend boundary (Lucene on disk today; hybrid, PostgreSQL later).</summary>
public interface IPassageSearch
{
    Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken);
}
