namespace Bot.Core.Search;

/// <summary>
/// A 32-byte fingerprint of an article's wording (one-permutation MinHash over three-word shingles of its stemmed
/// words), so two articles can be recognised as the same wire story — republished, trimmed or lightly edited by
/// another outlet — by comparing fingerprints, without reading either text.
/// </summary>
public static class StorySignature
{
    public const int Bins = 32;
    public const int Bytes = Bins;
    private const int ShingleWords = 3;

    /// <summary>Two articles sharing at least this share of their filled bins tell the same story.</summary>
    public const double SameStory = 0.25;

    /// <summary>Outlets republish a wire story within days; a daily report with the same template weeks apart is news again.</summary>
    public const int MaxDaysApart = 3;

    public static bool CloseInTime(DateOnly? a, DateOnly? b) =>
        a is not { } x || b is not { } y || Math.Abs(x.DayNumber - y.DayNumber) <= MaxDaysApart;

    public static byte[] Of(IReadOnlyList<string> words)
    {
        Span<ulong> best = stackalloc ulong[Bins];
        best.Fill(ulong.MaxValue);
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            var hash = StableHash.OffsetBasis;
            for (var w = 0; w < ShingleWords; w++)
            {
                foreach (var c in words[i + w])
                {
                    hash = (hash ^ c) * StableHash.Prime;
                }
                hash = (hash ^ ' ') * StableHash.Prime;
            }
            hash = StableHash.Mix(hash);
            var bin = (int)(hash % Bins);
            if (hash < best[bin])
            {
                best[bin] = hash;
            }
        }

        var signature = new byte[Bytes];
        for (var bin = 0; bin < Bins; bin++)
        {
            // 0 marks an empty bin; a filled one keeps 8 bits of its minimum (never 0): unrelated articles agree on a
            // bin one time in 255, far below the share that makes a story.
            signature[bin] = best[bin] == ulong.MaxValue ? (byte)0 : (byte)Math.Max(1, best[bin] >> 56);
        }
        return signature;
    }


    /// <summary>Share of the bins filled in both whose minima agree: an estimate of the wording they share.</summary>
    public static double Similarity(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != Bytes || b.Length != Bytes)
        {
            return 0;
        }
        int both = 0, equal = 0;
        for (var bin = 0; bin < Bins; bin++)
        {
            var x = a[bin];
            var y = b[bin];
            if (x != 0 && y != 0)
            {
                both++;
                equal += x == y ? 1 : 0;
            }
        }
        return both < 4 ? 0 : equal / (double)both;
    }
}
