using System.Collections.Frozen;
using System.Text;

namespace Bot.Core.Arabic;

/// <summary>
/// Normalises Arabic text for matching (never for display). Rules, one table entry each:
/// alef forms أ إ آ ٱ → ا; alef maqsura ى → ي; ta marbuta ة → ه; Persian ی → ي and ک → ك; tatweel ـ removed;
/// tashkeel (fathatan … sukun, superscript alef, Quranic marks) removed; Arabic-Indic ٠-٩ and Persian ۰-۹ digits → 0-9;
/// Arabic punctuation ، ؛ ؟ ٪ ٫ ٬ → , ; ? % . ,; Latin letters lower-cased; runs of whitespace → one space.
/// </summary>
public static class ArabicNormalizer
{
    private const char Alef = '\u0627';
    private const char AlefWithHamzaAbove = '\u0623';
    private const char AlefWithHamzaBelow = '\u0625';
    private const char AlefWithMadda = '\u0622';
    private const char AlefWasla = '\u0671';
    private const char AlefMaqsura = '\u0649';
    private const char Ya = '\u064A';
    private const char TaMarbuta = '\u0629';
    private const char Ha = '\u0647';
    private const char Kaf = '\u0643';
    private const char PersianKaf = '\u06A9';
    private const char PersianYa = '\u06CC';
    private const char Tatweel = '\u0640';
    private const char ArabicComma = '\u060C';
    private const char ArabicSemicolon = '\u061B';
    private const char ArabicQuestionMark = '\u061F';
    private const char ArabicPercent = '\u066A';
    private const char ArabicDecimalSeparator = '\u066B';
    private const char ArabicThousandsSeparator = '\u066C';
    private const char SuperscriptAlef = '\u0670';

    /// <summary>Every single-character rule; an empty replacement deletes the character.</summary>
    public static IReadOnlyDictionary<char, string> CharacterMap { get; } = BuildMap();

    private static readonly FrozenDictionary<char, string> Map = CharacterMap.ToFrozenDictionary();

    public static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var mapped = Map.TryGetValue(c, out var replacement) ? replacement : char.IsUpper(c) ? char.ToLowerInvariant(c).ToString() : null;
            if (mapped is null)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = result.Length > 0;
                    continue;
                }
                AppendWithSpace(c.ToString());
                continue;
            }
            if (mapped.Length > 0)
            {
                AppendWithSpace(mapped);
            }
        }
        return result.ToString();

        void AppendWithSpace(string value)
        {
            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }
            result.Append(value);
        }
    }

    public static bool IsArabicLetter(char c) =>
        c is >= '\u0621' and <= '\u063A' or >= '\u0641' and <= '\u064A' or >= '\u0671' and <= '\u06D3' or >= '\u06FA' and <= '\u06FF';

    /// <summary>The share of letters in the text that are Arabic (0 when it has no letters).</summary>
    public static double ArabicLetterShare(string text)
    {
        int letters = 0, arabic = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                arabic += IsArabicLetter(c) ? 1 : 0;
            }
        }
        return letters == 0 ? 0 : (double)arabic / letters;
    }

    private static Dictionary<char, string> BuildMap()
    {
        var map = new Dictionary<char, string>
        {
            [AlefWithHamzaAbove] = Alef.ToString(),
            [AlefWithHamzaBelow] = Alef.ToString(),
            [AlefWithMadda] = Alef.ToString(),
            [AlefWasla] = Alef.ToString(),
            [AlefMaqsura] = Ya.ToString(),
            [PersianYa] = Ya.ToString(),
            [TaMarbuta] = Ha.ToString(),
            [PersianKaf] = Kaf.ToString(),
            [Tatweel] = string.Empty,
            [SuperscriptAlef] = string.Empty,
            [ArabicComma] = ",",
            [ArabicSemicolon] = ";",
            [ArabicQuestionMark] = "?",
            [ArabicPercent] = "%",
            [ArabicDecimalSeparator] = ".",
            [ArabicThousandsSeparator] = ",",
        };
        // Tashkeel: fathatan U+064B … sukun U+0652, and the further marks up to U+065F.
        for (var c = '\u064B'; c <= '\u065F'; c++)
        {
            map[c] = string.Empty;
        }
        // Quranic annotation marks.
        for (var c = '\u06D6'; c <= '\u06ED'; c++)
        {
            map[c] = string.Empty;
        }
        for (var d = 0; d < 10; d++)
        {
            map[(char)('\u0660' + d)] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            map[(char)('\u06F0' + d)] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return map;
    }
}
