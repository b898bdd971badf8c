using Bot.Core.Chunking;

namespace Bot.Core.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke, Büttcher 2009): a passage scores Σ weight / (k + rank) over the rankings
/// that hold it, so signals with incomparable scores (BM25, n-gram, cosine) combine by rank alone. Ties keep the order
/// of the first ranking that holds the passage.
/// </summary>
internal static class ReciprocalRankFusion
{
    public static IReadOnlyList<RankedPassage> Fuse(IReadOnlyList<(IReadOnlyList<RankedPassage> Ranking, double Weight)> rankings, int k, int take)
    {
        var scores = new Dictionary<string, (Passage Passage, double Score, int Order)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var (ranking, weight) in rankings)
        {
            foreach (var hit in ranking)
            {
                var add = weight / (k + hit.Rank);
                scores[hit.Passage.Id] = scores.TryGetValue(hit.Passage.Id, out var seen)
                    ? (seen.Passage, seen.Score + add, seen.Order)
                    : (hit.Passage, add, order++);
            }
        }
        return scores.Values
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .Take(take)
            .Select((x, i) => new RankedPassage(i + 1, x.Passage, x.Score))
            .ToList();
    }
}
