namespace Bot.Core.Search;

/// <summary>How well one passage's text answers a question's words; each value in [0, 1], idf-weighted.</summary>
/// <param name="Coverage">Share of the question's idf the passage contains (a near spelling counts by its similarity).</param>
/// <param name="Window">The same share in the passage's best run of <see cref="WindowWords"/> words: a question usually
/// matches one sentence of its passage densely, not words scattered over it.</param>
/// <param name="Exact">Share of the idf of the question's inflected words found in exactly that form.</param>
internal readonly record struct PassageFeatures(double Coverage, double Window, double Exact)
{
    /// <summary>About one sentence of news prose.</summary>
    internal const int WindowWords = 12;

    public static PassageFeatures Of(RerankQuery query, string passage)
    {
        var analyzed = AnalyzedText.Of(passage);
        var matches = analyzed.Stems.Select(query.Match).ToList();
        var whole = new double[query.TermCount];
        var window = new double[query.TermCount];
        var best = 0.0;
        for (var start = 0; start < matches.Count; start++)
        {
            if (matches[start].Term < 0)
            {
                continue;
            }
            Array.Clear(window);
            for (var i = start; i < Math.Min(matches.Count, start + WindowWords); i++)
            {
                if (matches[i] is { Term: >= 0 } match)
                {
                    window[match.Term] = Math.Max(window[match.Term], match.Similarity);
                    whole[match.Term] = Math.Max(whole[match.Term], match.Similarity);
                }
            }
            best = Math.Max(best, Share(query, window));
        }
        var exactTotal = query.Exact.Values.Sum();
        var exactFound = analyzed.ExactForms().Where(query.Exact.ContainsKey).Sum(form => query.Exact[form]);
        return new PassageFeatures(Share(query, whole), best, exactTotal == 0 ? 0 : exactFound / exactTotal);
    }

    private static double Share(RerankQuery query, double[] match)
    {
        var sum = 0.0;
        for (var t = 0; t < match.Length; t++)
        {
            sum += match[t] * query.Idf[t];
        }
        return sum / query.TotalIdf;
    }
}
