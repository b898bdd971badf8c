using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Answering;

/// <summary>The cleaned question, or the Arabic reason it cannot be answered.</summary>
public readonly record struct GuardedQuestion(string Text, string? Rejection)
{
    public bool IsRejected => Rejection is not null;
}

/// <summary>
/// Checks user input before any search: strips HTML tags and entities, emoji and control characters, and rejects
/// empty text, text with no words, and text longer than the configured limit, each with its own Arabic message.
/// </summary>
public static partial class QuestionGuard
{
    [GeneratedRegex(@"<[^<>]{0,200}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static GuardedQuestion Check(string? input, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new(string.Empty, ArabicMessages.EmptyQuestion);
        }
        if (input.Length > maxLength)
        {
            return new(string.Empty, string.Format(CultureInfo.InvariantCulture, ArabicMessages.TooLong, input.Length, maxLength));
        }

        var text = WebUtility.HtmlDecode(HtmlTag().Replace(input, " "));
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var dropped = category is UnicodeCategory.OtherSymbol or UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.ModifierSymbol;
            if (!dropped || rune.Value is '\n' or '\t' || rune.Value == 0x200C) // keep ZWNJ, used in Persian-style words
            {
                kept.Append(rune.ToString());
            }
        }

        var cleaned = Whitespace().Replace(kept.ToString(), " ").Trim();
        if (cleaned.Length == 0)
        {
            return new(string.Empty, ArabicMessages.EmptyQuestion);
        }
        if (!cleaned.Any(char.IsLetterOrDigit))
        {
            return new(string.Empty, ArabicMessages.OnlyPunctuation);
        }
        return new(cleaned, null);
    }
}
