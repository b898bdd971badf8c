using System.Text.RegularExpressions;

namespace Bot.Core.Arabic;

/// <summary>
/// Site chrome that news pages leave in an article's text, recognised per sentence so it is never indexed or quoted:
/// <list type="bullet">
/// <item>publisher link lines: «رابط الخبر بصحيفة الوئام: …»;</item>
/// <item>page controls: «+ الخط -», «اظهر الملخص»;</item>
/// <item>photo captions: a short line ending in its source in brackets, «وزير الدفاع مع رئيس الأركان (وكالة فارس)»;</item>
/// <item>agency datelines opening a sentence: «القاهرة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس أجلت…» keeps «أجلت…».</item>
/// </list>
/// </summary>
internal static partial class PublisherChrome
{
    /// <summary>A caption is at most this many words.</summary>
    private const int MaxCaptionWords = 14;

    // Normalised (ArabicNormalizer) first words of a publisher's link line.
    private static readonly string[] LinkOpeners = ["رابط الخبر", "رابط المقال", "المصدر رابط", "اقرا ايضا", "اقرا المزيد"];

    // Whole sentences that are page controls, normalised, words only.
    private static readonly string[] Controls = ["الخط", "اظهر الملخص", "اخفاء الملخص", "شارك", "طباعه", "مشاركه"];

    // Normalised words naming a photo's source inside a caption's closing brackets.
    private static readonly string[] CaptionSources =
    [
        "وكاله", "رويترز", "فرانس", "ا ف ب", "اف ب", "اسوشيتد", "الاناضول", "غيتي", "getty", "afp", "epa", "ap", "صوره", "ارشيفيه",
        "ارشيف", "تويتر", "فيسبوك", "واس",
    ];

    [GeneratedRegex(@"^\s*[\p{L} ]{2,30}?\s+\d{1,2}\s+\p{L}+\s+\d{4}\s*هـ?\s*(?:الموافق\s+\d{1,2}\s+\p{L}+\s+\d{4}\s*م?)?\s*(?:واس|\(واس\))\s+")]
    private static partial Regex AgencyDateline();

    [GeneratedRegex(@"\(([^()]{2,40})\)\s*[.:]?\s*$")]
    private static partial Regex ClosingBrackets();

    /// <summary>True when the whole sentence is chrome and belongs neither in the index nor in an answer.</summary>
    public static bool IsChrome(string sentence)
    {
        var normalized = ArabicNormalizer.Normalize(sentence);
        var words = SentenceSplitter.Words(normalized);
        if (words.Count == 0)
        {
            return false;
        }
        var joined = string.Join(' ', words);
        if (Controls.Contains(joined) || LinkOpeners.Any(opener => joined.StartsWith(opener, StringComparison.Ordinal)))
        {
            return true;
        }
        return words.Count <= MaxCaptionWords && ClosingBrackets().Match(normalized) is { Success: true } brackets
               && CaptionSources.Any(source => $" {string.Join(' ', SentenceSplitter.Words(brackets.Groups[1].Value.ToLowerInvariant()))} "
                   .Contains($" {source} ", StringComparison.Ordinal))
               && !sentence.TrimEnd().EndsWith('.');
    }

    /// <summary>The sentence without an agency dateline at its start («… واس »), or as it was.</summary>
    public static string WithoutDateline(string sentence) =>
        AgencyDateline().Match(sentence) is { Success: true } match && match.Length < sentence.Length ? sentence[match.Length..] : sentence;
}
