using Bot.Core.Arabic;

namespace Bot.Core.Search;

/// <summary>
/// Finds the same wire story published by several outlets: two texts are near-duplicates when their sets of word
/// shingles (<see cref="ShingleSize"/> consecutive normalised words) overlap enough — measured as the share of the
/// smaller set found in the larger, so a shortened or extended copy still counts. Pure; no index needed.
/// </summary>
internal static class NearDuplicates
{
    internal const int ShingleSize = 4;

    /// <summary>Share of the smaller text's shingles found in the other at which two texts are the same story.</summary>
    internal const double MinOverlap = 0.5;

    public static HashSet<string> Shingles(string text)
    {
        var words = SentenceSplitter.Words(ArabicNormalizer.Normalize(text));
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + ShingleSize <= words.Count; i++)
        {
            shingles.Add(string.Join(' ', words.Skip(i).Take(ShingleSize)));
        }
        if (shingles.Count == 0 && words.Count > 0)
        {
            shingles.Add(string.Join(' ', words));
        }
        return shingles;
    }

    public static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return small.Count(large.Contains) / (double)small.Count;
    }

    public static bool Same(IReadOnlySet<string> a, IReadOnlySet<string> b) => Overlap(a, b) >= MinOverlap;

    /// <summary>
    /// Groups items in order: each item joins the first earlier group whose leader is the same story, else leads a new one.
    /// </summary>
    public static IReadOnlyList<(T Leader, IReadOnlyList<T> Copies)> Group<T>(IReadOnlyList<T> items, Func<T, IReadOnlySet<string>> shingles)
    {
        var groups = new List<(T Leader, IReadOnlySet<string> Shingles, List<T> Copies)>();
        foreach (var item in items)
        {
            var own = shingles(item);
            var group = groups.FindIndex(g => Same(g.Shingles, own));
            if (group >= 0)
            {
                groups[group].Copies.Add(item);
            }
            else
            {
                groups.Add((item, own, []));
            }
        }
        return groups.Select(g => (g.Leader, (IReadOnlyList<T>)g.Copies)).ToList();
    }
}
