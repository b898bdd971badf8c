using System.Text.RegularExpressions;
using Bot.Core.Answering;
using Bot.Core.Arabic;

namespace Bot.Llm.Answering;

/// <summary>[n] marks in model text.</summary>
internal static partial class CitationMarks
{
    [GeneratedRegex(@"\s*\[\s*[0-9٠-٩۰-۹]+(?:\s*[,،؛;]\s*[0-9٠-٩۰-۹]+)*\s*\]")]
    private static partial Regex Mark();

    public static string Strip(string text) => Mark().Replace(text, string.Empty);

    public static IReadOnlyList<int> In(string text) =>
        Mark().Matches(text)
            .SelectMany(m => m.Value.Trim().Trim('[', ']').Split([',', '،', '؛', ';']))
            .Select(part => int.TryParse(ArabicNormalizer.Normalize(part.Trim()), out var n) ? n : 0)
            .Where(n => n > 0)
            .ToList();
}

/// <summary>What the model's reply says: «not found», or answer text with [n] marks whose quotes were checked.</summary>
/// <param name="Dropped">Sentences removed because their quote is not in the passage they cite.</param>
internal sealed record ReadReply(bool NotFound, string Text, int Dropped, bool Structured);

/// <summary>
/// Reads a model reply, JSON (<see cref="StructuredAnswer"/>) or plain text: recognises the model's «not found» (the
/// prompt's sentence, a close variant without any citation, or <c>found: false</c>) and removes sentences whose quoted
/// words are not in the passage they cite. Meaning is the model's business; only structure is checked here.
/// </summary>
internal static partial class ReplyReader
{
    /// <summary>Openings a model uses to say the passages do not answer (normalised).</summary>
    private static readonly string[] NotFoundOpenings =
    [
        "لم اجد", "لا اجد", "لم تتضمن المقاطع", "لا تتضمن المقاطع", "لا تحتوي المقاطع", "لم تحتو المقاطع", "لا يوجد في المقاطع",
        "لا توجد في المقاطع", "لا تذكر المقاطع", "لم تذكر المقاطع", "المقاطع لا تتضمن", "المقاطع لا تحتوي", "المقاطع المعطاه لا",
        "المقاطع المتوفره لا", "لا تتوفر في المقاطع", "لا تتوفر معلومات", "لا توجد معلومات", "ليس في المقاطع", "لا يمكنني الاجابه",
        "عذرا لم اجد", "عذرا لا",
    ];

    [GeneratedRegex(@"[«""“”]([^«»""“”]{3,})[»""“”]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<=[.؟?!\n])")]
    private static partial Regex SentenceEnd();

    public static ReadReply Read(string reply, IReadOnlyList<SourcePassage> sources)
    {
        if (StructuredAnswer.TryParse(reply) is { } structured)
        {
            if (!structured.Found || structured.Sentences.Count == 0)
            {
                return new ReadReply(true, string.Empty, 0, true);
            }
            var kept = structured.Sentences.Where(s => QuoteHolds(s.Quote, s.Passages, sources)).ToList();
            var text = StructuredAnswer.ToText(kept);
            return new ReadReply(SaysNotFound(text, hasCitations: kept.Any(s => s.Passages.Any(n => n >= 1 && n <= sources.Count))),
                text, structured.Sentences.Count - kept.Count, true);
        }

        var sentences = SentenceEnd().Split(reply).Where(s => s.Trim().Length > 0).ToList();
        var held = sentences.Where(s => Quoted().Matches(s).All(q => QuoteHolds(q.Groups[1].Value, CitationMarks.In(s), sources))).ToList();
        var plain = string.Concat(held).Trim();
        var cited = CitationMarks.In(plain).Any(n => n >= 1 && n <= sources.Count);
        return new ReadReply(SaysNotFound(plain, cited), plain, sentences.Count - held.Count, false);
    }

    /// <summary>The prompt's own sentence anywhere, or a close variant in an answer that cites nothing.</summary>
    internal static bool SaysNotFound(string text, bool hasCitations)
    {
        var normalized = Flat(text);
        if (normalized.Contains(Flat(ArabicMessages.NotFound), StringComparison.Ordinal))
        {
            return true;
        }
        return !hasCitations && NotFoundOpenings.Any(opening => normalized.Contains(opening, StringComparison.Ordinal));
    }

    /// <summary>True when the quote is empty or its words appear, in order, in one of the passages it cites (or any, when it cites none).</summary>
    private static bool QuoteHolds(string quote, IReadOnlyList<int> cited, IReadOnlyList<SourcePassage> sources)
    {
        var words = Flat(CitationMarks.Strip(quote));
        if (words.Length == 0)
        {
            return true;
        }
        var candidates = cited.Where(n => n >= 1 && n <= sources.Count).Select(n => sources[n - 1]).ToList();
        return (candidates.Count > 0 ? candidates : sources).Any(s => Flat(s.Text).Contains(words, StringComparison.Ordinal));
    }

    private static string Flat(string text) => string.Join(' ', SentenceSplitter.Words(ArabicNormalizer.Normalize(text)));
}
