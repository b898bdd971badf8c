namespace Bot.Core.Arabic;

/// <summary>
/// An ISRI-style triliteral root of a light-stemmed, normalised Arabic word, so that words of one root meet where the
/// light stem keeps them apart: «اعتداء» and «عدو(ان)», «زيار(ة)» and «زار». Affixes the light stemmer leaves are
/// removed, then the word is matched against the common patterns (أوزان) by length; weak letters (ا و ي ء ؤ ئ) count
/// as one letter, since their spelling changes with the pattern. Null when no three-letter root is found (names,
/// loan words, words of four root letters): the root is a second chance to match, never the only one.
/// </summary>
public static class ArabicRoots
{
    private const char Weak = 'و';

    // Patterns by length, the root letters' positions, with the pattern's own letters. «ف ع ل» stand for the root;
    // longer patterns first so that «استفعال» is not read as «افتعال».
    private static readonly (string Pattern, int[] Root)[] Patterns =
    [
        ("استفعال", [3, 4, 6]),
        ("استفعل", [3, 4, 5]), ("مستفعل", [3, 4, 5]), ("افتعال", [1, 3, 5]), ("انفعال", [2, 3, 5]), ("تفاعيل", [1, 3, 5]),
        ("مفتعل", [1, 3, 4]), ("منفعل", [2, 3, 4]), ("افتعل", [1, 3, 4]), ("انفعل", [2, 3, 4]), ("تفاعل", [1, 3, 4]),
        ("مفاعل", [1, 3, 4]), ("مفعول", [1, 2, 4]), ("مفعال", [1, 2, 4]), ("تفعيل", [1, 2, 4]), ("افعال", [1, 2, 4]),
        ("فعلان", [0, 1, 2]), ("فواعل", [0, 3, 4]), ("فعائل", [0, 1, 4]), ("فعاليه", [0, 1, 3]),
        ("فاعل", [0, 2, 3]), ("فعال", [0, 1, 3]), ("فعول", [0, 1, 3]), ("فعيل", [0, 1, 3]), ("مفعل", [1, 2, 3]),
        ("تفعل", [1, 2, 3]), ("يفعل", [1, 2, 3]), ("افعل", [1, 2, 3]), ("نفعل", [1, 2, 3]), ("فعله", [0, 1, 2]),
    ];

    /// <summary>The root of <paramref name="stem"/> (light-stemmed, normalised), or null when none is found.</summary>
    public static string? Of(string stem)
    {
        var word = StripAffixes(stem);
        if (word.Length == 3)
        {
            return Canonical(word[0], word[1], word[2]);
        }
        foreach (var (pattern, root) in Patterns)
        {
            if (pattern.Length == word.Length && Fits(pattern, word))
            {
                return Canonical(word[root[0]], word[root[1]], word[root[2]]);
            }
        }
        return null;
    }

    // A root letter («ف ع ل») takes any letter; every other letter of the pattern must be there as written.
    private static bool Fits(string pattern, string word)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] is not ('ف' or 'ع' or 'ل') && pattern[i] != word[i])
            {
                return false;
            }
        }
        return true;
    }

    // What the light stemmer leaves: plural and dual endings after a stem, «ت/ي» of verbs, a trailing «ه».
    private static string StripAffixes(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ات", "ون", "ين", "ان", "تم", "وا", "ه", "ي"])
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal) && word.Length > 4)
            {
                return word[..^suffix.Length];
            }
        }
        return word;
    }

    private static string Canonical(char first, char second, char third) =>
        string.Concat(IsWeak(first) ? Weak : first, IsWeak(second) ? Weak : second, IsWeak(third) ? Weak : third);

    private static bool IsWeak(char letter) => letter is 'ا' or 'و' or 'ي' or 'ء' or 'ؤ' or 'ئ';
}
