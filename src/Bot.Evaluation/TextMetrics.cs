using System.Text.RegularExpressions;
using Bot.Core.Arabic;

namespace Bot.Core.Evaluation;

/// <summary>Precision, recall and F1 of one ROUGE variant.</summary>
internal sealed record RougeScore(double Precision, double Recall, double F)
{
    public static RougeScore FromCounts(double overlap, int candidate, int reference)
    {
        var p = candidate == 0 ? 0 : overlap / candidate;
        var r = reference == 0 ? 0 : overlap / reference;
        return new RougeScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}

/// <summary>
/// Answer and summary metrics over tokens of text normalised for Arabic matching (alef forms, ya, ta marbuta,
/// diacritics, digits, punctuation), with citation marks <c>[n]</c> ignored. Multi-reference scores take the best
/// reference.
/// </summary>
internal static partial class TextMetrics
{
    [GeneratedRegex(@"\[\s*\d+\s*\]")]
    private static partial Regex CitationMark();

    public static IReadOnlyList<string> Tokens(string text) =>
        SentenceSplitter.Words(ArabicNormalizer.Normalize(CitationMark().Replace(text, " ")));

    /// <summary>True when the gold answer's tokens appear, in order and adjacent, among the answer's tokens.</summary>
    public static bool Contains(string answer, string gold)
    {
        var haystack = Tokens(answer);
        var needle = Tokens(gold);
        if (needle.Count == 0)
        {
            return false;
        }
        for (var start = 0; start + needle.Count <= haystack.Count; start++)
        {
            var match = true;
            for (var j = 0; j < needle.Count && match; j++)
            {
                match = haystack[start + j] == needle[j];
            }
            if (match)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>SQuAD-style token F1, the best over the gold answers.</summary>
    public static double TokenF1(string prediction, IEnumerable<string> golds) =>
        golds.Select(g => TokenF1(prediction, g)).DefaultIfEmpty(0).Max();

    public static double TokenF1(string prediction, string gold)
    {
        var predicted = Tokens(prediction);
        var expected = Tokens(gold);
        var overlap = Overlap(predicted, expected);
        return RougeScore.FromCounts(overlap, predicted.Count, expected.Count).F;
    }

    public static RougeScore Rouge1(string candidate, IEnumerable<string> references) => Best(candidate, references, 1);

    public static RougeScore Rouge2(string candidate, IEnumerable<string> references) => Best(candidate, references, 2);

    public static RougeScore RougeL(string candidate, IEnumerable<string> references) =>
        references.Select(r => RougeL(candidate, r)).DefaultIfEmpty(new RougeScore(0, 0, 0)).MaxBy(s => s.F)!;

    public static RougeScore RougeN(string candidate, string reference, int n)
    {
        var c = NGrams(Tokens(candidate), n);
        var r = NGrams(Tokens(reference), n);
        return RougeScore.FromCounts(Overlap(c, r), c.Count, r.Count);
    }

    public static RougeScore RougeL(string candidate, string reference)
    {
        var c = Tokens(candidate);
        var r = Tokens(reference);
        return RougeScore.FromCounts(LongestCommonSubsequence(c, r), c.Count, r.Count);
    }

    private static RougeScore Best(string candidate, IEnumerable<string> references, int n) =>
        references.Select(r => RougeN(candidate, r, n)).DefaultIfEmpty(new RougeScore(0, 0, 0)).MaxBy(s => s.F)!;

    private static List<string> NGrams(IReadOnlyList<string> tokens, int n) =>
        Enumerable.Range(0, Math.Max(0, tokens.Count - n + 1)).Select(i => string.Join(' ', tokens.Skip(i).Take(n))).ToList();

    /// <summary>Clipped overlap: each token counts at most as often as it occurs in both.</summary>
    private static int Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var counts = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var overlap = 0;
        foreach (var token in a)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                overlap++;
            }
        }
        return overlap;
    }

    private static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }
}
