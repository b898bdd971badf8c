namespace Bot.Core.Search;

/// <summary>
/// Second stage of the lexical search: the best BM25 candidates are read again as text (<see cref="PassageFeatures"/>)
/// and reordered by a linear mix of BM25 (relative to the best candidate), how much of the question the passage
/// covers, how densely its best window covers it, and exact word forms. The weights were fitted on XQuAD-ar by grid
/// search and hold on each half of its articles when fitted on the other (README, Quality and speed).
/// </summary>
internal static class CandidateReranker
{
    internal const double CoverageWeight = 3;
    internal const double WindowWeight = 1;
    internal const double ExactWeight = 0.5;
    private const double TotalWeight = 1 + CoverageWeight + WindowWeight + ExactWeight;

    /// <summary>
    /// The first <paramref name="depth"/> candidates reordered, the rest after them in their BM25 order. Scores stay on
    /// the BM25 scale (a passage perfect on every feature would keep the top BM25 score): the answerer and the news
    /// preferences compare scores as ratios.
    /// </summary>
    public static List<(string ArticleId, int Ordinal, float Score)> Rerank(
        IndexSnapshot snapshot, RerankQuery query, List<(string ArticleId, int Ordinal, float Score)> ordered,
        Dictionary<string, int> articleDocs, int depth, CancellationToken cancellationToken)
    {
        if (ordered.Count == 0 || depth == 0)
        {
            return ordered;
        }
        var top = Math.Max(ordered[0].Score, float.Epsilon);
        var reranked = new List<(string ArticleId, int Ordinal, float Score)>(Math.Min(depth, ordered.Count));
        foreach (var (articleId, ordinal, score) in ordered.Take(depth))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = snapshot.Passage(articleId, ordinal, articleDocs[articleId])?.Text ?? string.Empty;
            var features = PassageFeatures.Of(query, text);
            var combined = score / top + CoverageWeight * features.Coverage + WindowWeight * features.Window + ExactWeight * features.Exact;
            reranked.Add((articleId, ordinal, (float)(top * combined / TotalWeight)));
        }
        var result = reranked.OrderByDescending(c => c.Score).ToList();
        var floor = result[^1].Score;
        result.AddRange(ordered.Skip(depth).Select(c => c with { Score = Math.Min(c.Score, floor) }));
        return result;
    }
}
