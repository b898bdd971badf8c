namespace Bot.Core.Summaries;

/// <summary>
/// TextRank centrality over sentences: sentences are nodes, edges weigh shared stems normalised by sentence length
/// (Mihalcea &amp; Tarau 2004), and the random walk restarts with a bias toward early sentences, since news articles
/// put their substance first.
/// </summary>
internal static class TextRank
{
    private const double Damping = 0.85;
    private const int Iterations = 40;

    public static double[] Rank(IReadOnlyList<IReadOnlyList<string>> sentenceTerms, double leadBias)
    {
        var n = sentenceTerms.Count;
        if (n == 0)
        {
            return [];
        }

        var sets = sentenceTerms.Select(t => t.ToHashSet(StringComparer.Ordinal)).ToArray();
        var weights = new double[n, n];
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var shared = sets[i].Count(sets[j].Contains);
                if (shared == 0 || sets[i].Count < 2 || sets[j].Count < 2)
                {
                    continue;
                }
                var w = shared / (Math.Log(sets[i].Count) + Math.Log(sets[j].Count));
                weights[i, j] = weights[j, i] = w;
                outWeight[i] += w;
                outWeight[j] += w;
            }
        }

        // Restart distribution: uniform blended with 1/(position+1).
        var restart = new double[n];
        var harmonic = Enumerable.Range(1, n).Sum(k => 1.0 / k);
        for (var i = 0; i < n; i++)
        {
            restart[i] = (1 - leadBias) / n + leadBias * (1.0 / (i + 1)) / harmonic;
        }

        var score = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (weights[j, i] > 0)
                    {
                        sum += weights[j, i] / outWeight[j] * score[j];
                    }
                }
                next[i] = (1 - Damping) * restart[i] + Damping * sum;
            }
            score = next;
        }
        return score;
    }
}
