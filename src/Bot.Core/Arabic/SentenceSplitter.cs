using System.Text.RegularExpressions;

namespace Bot.Core.Arabic;

/// <summary>
/// Splits text into sentences at <c>.</c> <c>؟</c> <c>?</c> <c>!</c> <c>؛</c> and line breaks, keeping the
/// punctuation with its sentence. A full stop between digits (2.5, 18.03.2024, 1.000), one after a single letter
/// (initials such as «د.»), an ellipsis, and any terminator inside an open quotation («…», “…”, "…") do not end a
/// sentence; a quotation that never closes within <see cref="MaxQuotation"/> characters stops protecting.
/// The Arabic comma <c>،</c> separates clauses, not sentences.
/// </summary>
public static partial class SentenceSplitter
{
    internal const int MaxQuotation = 300;

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[.,٫٬][\p{N}]+)*")]
    private static partial Regex Word();

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        var quoteOpenedAt = -1;
        var straightQuoteOpen = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '«' or '“':
                    quoteOpenedAt = i;
                    continue;
                case '»' or '”':
                    quoteOpenedAt = -1;
                    continue;
                case '"':
                    straightQuoteOpen = !straightQuoteOpen;
                    quoteOpenedAt = straightQuoteOpen ? i : -1;
                    continue;
                case '\n':
                    Cut(i, i + 1);
                    quoteOpenedAt = -1;
                    straightQuoteOpen = false;
                    continue;
            }

            if (c is not ('.' or '؟' or '?' or '!' or '؛'))
            {
                continue;
            }
            if (quoteOpenedAt >= 0 && i - quoteOpenedAt < MaxQuotation)
            {
                continue;
            }
            if (c == '.' && (BetweenDigits(text, i) || AfterSingleLetter(text, i)))
            {
                continue;
            }

            // Take the whole run of terminators (…, ؟!, ...) and a closing quote or bracket right after it.
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '؟' or '?' or '!' or '؛' or '»' or '”' or '"' or ')')
            {
                end++;
            }
            if (end < text.Length && !char.IsWhiteSpace(text[end]) && !(IsArabicLetter(text[end]) && i > 0 && IsArabicLetter(text[i - 1])))
            {
                continue; // «a.b», URLs and the like; Arabic glued to Arabic («مكانها.وكانت») is two sentences
            }
            Cut(end, end);
            quoteOpenedAt = -1;
            straightQuoteOpen = false;
            i = end - 1;
        }
        Cut(text.Length, text.Length);
        return sentences;

        void Cut(int end, int next)
        {
            if (end > start)
            {
                var sentence = text[start..end].Trim();
                if (sentence.Any(char.IsLetterOrDigit))
                {
                    sentences.Add(sentence);
                }
            }
            start = next;
        }
    }

    /// <summary>Word tokens (letters and digits; numbers keep their decimal separators).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value).ToList();

    private static bool IsArabicLetter(char c) => c is >= '\u0621' and <= '\u064A';

    private static bool BetweenDigits(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]);

    private static bool AfterSingleLetter(string text, int i) =>
        i > 0 && char.IsLetter(text[i - 1]) && (i == 1 || !char.IsLetterOrDigit(text[i - 2])) && i + 1 < text.Length;
}
