namespace Bot.Core.Arabic;

// Placeholder until the full table-driven normaliser lands (branch `arabic`).
public static class ArabicNormalizer
{
    public static string Normalize(string text)
    {
        var chars = text.Select(c => c switch
        {
            'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
            _ => char.ToLowerInvariant(c),
        }).Where(c => c != 'ـ' && !(c >= '\u064B' && c <= '\u065F'));
        return new string(chars.ToArray());
    }

    public static IReadOnlyDictionary<char, string> CharacterMap { get; } = new Dictionary<char, string>
    {
        ['٠'] = "0", ['١'] = "1", ['٢'] = "2", ['٣'] = "3", ['٤'] = "4", ['٥'] = "5", ['٦'] = "6", ['٧'] = "7", ['٨'] = "8", ['٩'] = "9",
        ['ـ'] = "",
    };

    public static bool IsArabicLetter(char c) => c is >= '\u0621' and <= '\u064A';

    public static double ArabicLetterShare(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count == 0 ? 0 : letters.Count(IsArabicLetter) / (double)letters.Count;
    }
}
