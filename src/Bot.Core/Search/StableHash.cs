namespace Bot.Core.Search;

/// <summary>
/// FNV-1a over characters, then a finaliser so every bit of the hash depends on every character: the same in every
/// process, for hashes kept in the index (story signatures) or compared across articles (word shingles).
/// </summary>
public static class StableHash
{
    public const ulong OffsetBasis = 14695981039346656037;
    public const ulong Prime = 1099511628211;

    /// <summary>The finaliser (MurmurHash3's fmix64).</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccd;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53;
        return x ^ (x >> 33);
    }
}
