namespace Bot.Core.Evaluation;

/// <summary>Latency samples in milliseconds; percentiles by the nearest-rank method.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public double P50 => Percentile(50);
    public double P95 => Percentile(95);
    public double P99 => Percentile(99);

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public double Percentile(double percent)
    {
        if (_samples.Count == 0)
        {
            return 0;
        }
        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>Recall@k and mean reciprocal rank from the rank of the first relevant result of each query.</summary>
internal sealed class RankingMetrics
{
    private readonly List<int?> _ranks = [];

    public int Count => _ranks.Count;

    /// <param name="rank">1-based rank of the first relevant result, or null when it was not retrieved.</param>
    public void Add(int? rank) => _ranks.Add(rank);

    public double RecallAt(int k) => _ranks.Count == 0 ? 0 : _ranks.Count(r => r <= k) / (double)_ranks.Count;

    public double Mrr => _ranks.Count == 0 ? 0 : _ranks.Sum(r => r is { } rank ? 1.0 / rank : 0) / _ranks.Count;
}

/// <summary>Result of <c>eval --qa</c> (JSON keys are the camelCase property names).</summary>
public sealed record QaEvalReport(
    int Questions, double RecallAt1, double RecallAtK, int K, double Mrr, double AnswerContainment, double AnswerF1,
    double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>Share of questions a language model was asked (0 offline).</summary>
    public double ModelAsked { get; init; }
}

/// <summary>Result of <c>eval --summaries</c>.</summary>
public sealed record SummaryEvalReport(
    int Documents, double Rouge1, double Rouge2, double RougeL, double Lead3Rouge1, double Lead3Rouge2, double Lead3RougeL);
