using Bot.Core.Chunking;

namespace Bot.Core.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke, Büttcher 2009): a passage scores Σ weight / (k + rank) over the rankings
/// that hold it, so signals with incomparable scores (BM25, n-gram, cosine) combine by rank alone. Ties keep the order
/// of the first ranking that holds the passage. Copies of the story a retriever folded into a passage stay with it.
/// </summary>
internal static class ReciprocalRankFusion
{
    public static IReadOnlyList<RankedPassage> Fuse(IReadOnlyList<(IReadOnlyList<RankedPassage> Ranking, double Weight)> rankings, int k, int take)
    {
        var scores = new Dictionary<string, (Passage Passage, double Score, int Order)>(StringComparer.Ordinal);
        var copies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var order = 0;
        foreach (var (ranking, weight) in rankings)
        {
            foreach (var hit in ranking)
            {
                var add = weight / (k + hit.Rank);
                if (hit.AlsoPublishedIn.Count > 0)
                {
                    if (!copies.TryGetValue(hit.Passage.Id, out var set))
                    {
                        copies[hit.Passage.Id] = set = new HashSet<string>(StringComparer.Ordinal);
                    }
                    set.UnionWith(hit.AlsoPublishedIn);
                }
                scores[hit.Passage.Id] = scores.TryGetValue(hit.Passage.Id, out var seen)
                    ? (seen.Passage, seen.Score + add, seen.Order)
                    : (hit.Passage, add, order++);
            }
        }
        return scores.Values
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .Take(take)
            .Select((x, i) => new RankedPassage(i + 1, x.Passage, x.Score)
            {
                AlsoPublishedIn = copies.TryGetValue(x.Passage.Id, out var folded) ? folded.Order(StringComparer.Ordinal).ToList() : [],
            })
            .ToList();
    }
}
