using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>
/// Three-word shingles of a text's normalised words (<see cref="ArabicNormalizer"/>'s rules), as sorted distinct 64-bit
/// hashes: the wording two articles share is the size of the intersection of their shingle sets. Words are hashed as
/// they are read, without building normalised strings: a day's 3,000 articles take milliseconds.
/// </summary>
internal static class WordShingles
{
    public const int Words = 3;

    // Each UTF-16 unit after normalisation; '\0' deletes it (tashkeel, tatweel).
    private static readonly char[] Normalised = BuildTable();

    public static ulong[] Of(string text, int maxWords = int.MaxValue)
    {
        var hashes = new HashSet<ulong>();
        ulong w1 = 0, w2 = 0, word = StableHash.OffsetBasis;
        var inWord = false;
        var words = 0;
        for (var i = 0; i <= text.Length && words < maxWords; i++)
        {
            var c = i < text.Length ? Normalised[text[i]] : ' ';
            if (c == '\0')
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                word = (word ^ c) * StableHash.Prime;
                inWord = true;
                continue;
            }
            if (!inWord)
            {
                continue;
            }
            words++;
            if (words >= Words)
            {
                hashes.Add(StableHash.Mix(StableHash.Mix(w1 * StableHash.Prime ^ w2) * StableHash.Prime ^ word));
            }
            (w1, w2, word, inWord) = (w2, word, StableHash.OffsetBasis, false);
        }
        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Shingles in both sorted sets.</summary>
    public static int Shared(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    /// <summary>Share of the smaller set found in the other.</summary>
    public static double Containment(ulong[] a, ulong[] b) =>
        a.Length == 0 || b.Length == 0 ? 0 : Shared(a, b) / (double)Math.Min(a.Length, b.Length);

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            table[c] = ArabicNormalizer.CharacterMap.TryGetValue(ch, out var mapped)
                ? (mapped.Length == 0 ? '\0' : mapped[0])
                : char.ToLowerInvariant(ch);
        }
        return table;
    }

}
