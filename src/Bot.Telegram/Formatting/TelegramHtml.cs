using System.Text;
using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Telegram.Formatting;

/// <summary>
/// Builds Telegram HTML. Every piece of user or article text goes through <see cref="Escape"/>; tags come only from
/// here. Long bodies are split between sentences into parts that each stay under Telegram's 4096-character limit.
/// </summary>
internal static class TelegramHtml
{
    public const int MaxMessageLength = 4096;

    // Room for a header and markup on the first part.
    private const int PartBudget = 3900;

    /// <summary>The three characters Telegram's HTML mode needs escaped; everything else (Arabic, «») stays as is.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string Bold(string text) => $"<b>{Escape(text)}</b>";

    public static string Italic(string text) => $"<i>{Escape(text)}</i>";

    /// <summary>The answer text, split into parts if long; sources are shown as buttons.</summary>
    public static IReadOnlyList<string> Answer(Answer answer) => Split(string.Empty, answer.Text);

    /// <summary>Title, date (and «ونشرته أيضًا N مصادر» for a wire story), then the quoted passage.</summary>
    public static string Source(Citation citation)
    {
        var dateLine = citation.AlsoPublished > 0
            ? $"{ArabicDates.Format(citation.Date)} — {ArabicMessages.AlsoPublished(citation.AlsoPublished)}"
            : ArabicDates.Format(citation.Date);
        return $"📄 {Bold($"[{citation.N}] {citation.Title}")}\n{Italic(dateLine)}\n\n«{Escape(citation.Quote)}»";
    }

    /// <summary>Buttons are short: a long title is cut, never the date or the count of other outlets («+2»).</summary>
    public static string SourceButton(Citation citation)
    {
        var copies = citation.AlsoPublished > 0 ? $" (+{citation.AlsoPublished})" : string.Empty;
        var tail = $" — {ArabicDates.Format(citation.Date)}{copies}";
        return Shorten($"📄 [{citation.N}] {citation.Title}", Math.Max(20, 60 - tail.Length)) + tail;
    }

    public static IReadOnlyList<string> Summary(Summary summary)
    {
        var label = summary.Kind switch
        {
            Core.Summaries.Summary.PublisherKind => ArabicMessages.PublisherSummaryLabel,
            Core.Summaries.Summary.LlmKind => "ملخص من النموذج اللغوي",
            Core.Summaries.Summary.TimelineKind or Core.Summaries.Summary.LatestKind => DigestText.Label(summary.Kind)!,
            _ => ArabicMessages.ExtractiveSummaryLabel,
        };
        var header = summary.ArticleId.Length == 0
            ? $"📝 {Bold(summary.Title)}\n{Italic(label)}\n\n"
            : $"📝 {Bold(summary.Title)}\n{Italic($"{ArabicDates.Format(summary.Date)} — {label}")}\n\n";
        return Split(header, string.Join("\n", summary.Sentences.Select(s => "• " + s)));
    }

    /// <summary>One page of the article list: always one message, whatever the archive's size.</summary>
    public static string ArticlePage(ArticlePage page, string? filter)
    {
        if (page.Total == 0)
        {
            return Escape(string.IsNullOrWhiteSpace(filter) ? ArabicMessages.NoArticles : $"لا توجد مقالات تطابق عناوينها «{filter}».");
        }
        var heading = string.IsNullOrWhiteSpace(filter) ? $"المقالات ({page.Total})" : $"المقالات عن «{filter}» ({page.Total})";
        var lines = string.Join("\n", page.Items.Select(a => Escape($"{a.Number}. {Shorten(a.Title, 120)} — {ArabicDates.Format(a.Date)}")));
        var footer = page.PageCount > 1 ? $"الصفحة {page.Page} من {page.PageCount}. " : string.Empty;
        return $"📚 {Bold(heading)}\n\n{lines}\n\n{Escape(footer + "اضغط زرًا لقراءة ملخص المقالة، أو اكتب /summary ورقمها.")}";
    }

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    public static IReadOnlyList<string> Passages(string query, IReadOnlyList<RankedPassage> passages, IReadOnlyDictionary<string, string> titles)
    {
        if (passages.Count == 0)
        {
            return [Escape($"لم أجد مقاطع تطابق «{query}».")];
        }
        var body = string.Join("\n\n", passages.Select(p => $"{p.Rank}. {titles.GetValueOrDefault(p.Passage.ArticleId, p.Passage.ArticleId)}\n{p.Passage.Text}"));
        return Split($"🔎 {Bold($"نتائج البحث عن «{query}»")}\n\n", body);
    }

    /// <summary>Header (already HTML) + escaped body split between sentences, + escaped footer on the last part.</summary>
    public static IReadOnlyList<string> Split(string header, string body, string footer = "")
    {
        var parts = new List<string>();
        var current = new StringBuilder(header);
        foreach (var piece in Pieces(body))
        {
            var escaped = Escape(piece);
            if (current.Length + escaped.Length > PartBudget && current.Length > 0)
            {
                parts.Add(current.ToString().TrimEnd());
                current.Clear();
            }
            current.Append(escaped);
        }
        var last = current.ToString().TrimEnd() + Escape(footer);
        if (last.Trim().Length > 0 || parts.Count == 0)
        {
            parts.Add(last.Trim().Length > 0 ? last : Escape("…"));
        }
        return parts;
    }

    /// <summary>Sentences with the whitespace that follows them; a sentence longer than a part is cut between words.</summary>
    private static IEnumerable<string> Pieces(string body)
    {
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var boundary = body[i] == '\n' || (body[i] is '.' or '؟' or '?' or '!' or '؛' && i + 1 < body.Length && char.IsWhiteSpace(body[i + 1]));
            if (boundary || i - start >= PartBudget / 2)
            {
                var end = i + 1;
                if (!boundary)
                {
                    var space = body.LastIndexOf(' ', i, i - start);
                    end = space > start ? space + 1 : end;
                }
                while (end < body.Length && body[end] == ' ')
                {
                    end++;
                }
                yield return body[start..end];
                start = end;
                i = end - 1;
            }
        }
        if (start < body.Length)
        {
            yield return body[start..];
        }
    }
}
