using Bot.Core.Arabic;

namespace Bot.Core.Corpus;

/// <summary>
/// Reads a plain-text or Markdown article as published on news sites:
/// the first line is the title unless it reads as body text (then a short title is derived from the first sentence);
/// a repeat of the title, the date line (kept as the article's date), photo captions and site chrome (<c>+ الخط -</c>,
/// share/print links) are dropped; bullets after <c>اظهر الملخص</c> become the article's own summary.
/// </summary>
internal static class PlainTextArticleParser
{
    internal const string SummaryMarker = "اظهر الملخص";
    private const int TitleMaxWords = 20;
    private const int TitleMaxChars = 160;
    private const int DerivedTitleWords = 12;
    private const int HeaderLines = 10;

    private static readonly string[] ChromeLines =
    [
        "+ الخط -", "الخط", "طباعة", "شارك", "مشاركة", "تغريد", "تويتر", "فيسبوك", "واتساب", "اقرأ أيضا", "اقرأ أيضاً",
        "اقرا ايضا", "حجم الخط", "A A", "+ A -", "اخفاء الملخص", "أخفِ الملخص",
    ];

    private static readonly string[] CaptionMarks = ["(وكالة", "(أرشيف", "(ارشيف", "(رويترز", "(فرانس برس", "(الأناضول", "(Getty", "(AFP", "صورة", "تصوير", "(سانا", "(إرنا"];

    public static Article? Parse(string id, string text, string? sourceFile)
    {
        var lines = text.Split('\n').Select(CleanMarkdown).ToList();
        var nonEmpty = lines.Where(l => l.Length > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            return null;
        }

        string? title = null;
        var firstLine = nonEmpty[0];
        if (!ReadsAsBody(firstLine))
        {
            title = firstLine;
        }

        DateOnly? date = null;
        var summary = new List<string>();
        var paragraphs = new List<string>();
        var inSummary = false;
        var seenTitle = false;
        var index = 0;
        foreach (var raw in lines)
        {
            var line = raw;
            if (line.Length == 0)
            {
                // A blank line after bullets ends the publisher's summary.
                inSummary = inSummary && summary.Count == 0;
                continue;
            }
            index++;

            if (title is not null && !seenTitle && line == title)
            {
                seenTitle = true;
                continue;
            }
            if (title is not null && line == title)
            {
                continue; // the title repeated under itself
            }
            if (date is null && index <= HeaderLines && ArabicDateParser.IsDateLine(line) && ArabicDateParser.TryParse(line, out var found))
            {
                date = found;
                continue;
            }
            if (IsSummaryMarker(line))
            {
                inSummary = true;
                continue;
            }
            if (inSummary)
            {
                if (IsBullet(raw) || summary.Count == 0 || !line.EndsWith('.'))
                {
                    summary.Add(StripBullet(line));
                    continue;
                }
                inSummary = false;
            }
            if (IsChrome(line) || (index <= HeaderLines && IsCaption(line)))
            {
                continue;
            }
            paragraphs.Add(line);
        }

        if (paragraphs.Count == 0)
        {
            return null;
        }
        title ??= DeriveTitle(paragraphs[0]);
        return new Article(id, title, date, null, null, paragraphs, summary, sourceFile);
    }

    /// <summary>A short title from a body sentence: up to the first «،» or the first dozen words.</summary>
    internal static string DeriveTitle(string text)
    {
        var sentence = SentenceSplitter.Split(text).FirstOrDefault() ?? text;
        var comma = sentence.IndexOf('،');
        var clause = comma > 10 ? sentence[..comma] : sentence;
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cut = words.Length > DerivedTitleWords;
        var title = string.Join(' ', words.Take(DerivedTitleWords)).TrimEnd('.', '؟', '?', '!', '؛', '،', ':', ' ');
        return cut ? title + "…" : title;
    }

    private static bool ReadsAsBody(string line)
    {
        var words = SentenceSplitter.Words(line).Count;
        return words > TitleMaxWords || line.Length > TitleMaxChars || (line.EndsWith('.') && words > 8);
    }

    private static bool IsSummaryMarker(string line) =>
        ArabicNormalizer.Normalize(line).Trim(' ', ':', '-', '+') == ArabicNormalizer.Normalize(SummaryMarker);

    private static bool IsChrome(string line)
    {
        var trimmed = line.Trim();
        return ChromeLines.Any(c => trimmed.Equals(c, StringComparison.OrdinalIgnoreCase))
            || !trimmed.Any(char.IsLetterOrDigit);
    }

    private static bool IsCaption(string line) =>
        SentenceSplitter.Words(line).Count <= 20 && !line.EndsWith('.') && CaptionMarks.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static bool IsBullet(string line) => line.TrimStart() is ['-' or '•' or '*' or '–' or '·', ..];

    private static string StripBullet(string line) => line.TrimStart('-', '•', '*', '–', '·', ' ');

    /// <summary>Markdown headings, emphasis and the trailing spaces of hard line breaks are not text.</summary>
    private static string CleanMarkdown(string line) =>
        line.Trim().TrimStart('#').Replace("**", string.Empty).Replace("__", string.Empty).Trim();
}
