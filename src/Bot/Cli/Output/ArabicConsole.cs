using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Output;

/// <summary>
/// Human-readable output. Each line that holds Arabic starts with a right-to-left mark so terminals that apply the
/// bidirectional algorithm lay it out right to left, with citation marks and numbers in place.
/// </summary>
internal sealed class ArabicConsole(TextWriter output)
{
    private const char RightToLeftMark = '\u200F';

    public void Line(string text = "")
    {
        foreach (var line in text.Split('\n'))
        {
            output.WriteLine(line.Any(ArabicNormalizer.IsArabicLetter) ? RightToLeftMark + line : line);
        }
    }

    public void Answer(Answer answer)
    {
        Line(answer.Text);
        if (answer.Citations.Count > 0)
        {
            Line();
            Line("المصادر:");
            foreach (var citation in answer.Citations)
            {
                Source(citation);
            }
        }
    }

    public void Source(Citation citation)
    {
        var copies = citation.AlsoPublished > 0 ? $" ({ArabicMessages.AlsoPublished(citation.AlsoPublished)})" : string.Empty;
        Line($"[{citation.N}] {citation.Title} — {ArabicDates.Format(citation.Date)}{copies}");
        Line($"    «{citation.Quote}»");
    }

    public void Passages(IReadOnlyList<RankedPassage> passages, IReadOnlyDictionary<string, string> titles)
    {
        if (passages.Count == 0)
        {
            Line("لا توجد مقاطع مطابقة.");
            return;
        }
        foreach (var p in passages)
        {
            Line($"{p.Rank}. {titles.GetValueOrDefault(p.Passage.ArticleId, p.Passage.ArticleId)} ({p.Passage.Id}) — {p.Score:0.00}");
            Line($"    {p.Passage.Text}");
        }
    }

    public void Summary(Summary summary)
    {
        var label = summary.Kind switch
        {
            Core.Summaries.Summary.PublisherKind => ArabicMessages.PublisherSummaryLabel,
            Core.Summaries.Summary.LlmKind => "ملخص من النموذج اللغوي",
            Core.Summaries.Summary.TimelineKind or Core.Summaries.Summary.LatestKind => DigestText.Label(summary.Kind)!,
            _ => ArabicMessages.ExtractiveSummaryLabel,
        };
        Line(DigestText.Label(summary.Kind) is not null ? summary.Title : $"{summary.Title} — {ArabicDates.Format(summary.Date)}");
        Line($"({label})");
        foreach (var sentence in summary.Sentences)
        {
            Line($"• {sentence}");
        }
        if (summary.Citations.Count > 0)
        {
            Line();
            Line("المصادر:");
            foreach (var citation in summary.Citations)
            {
                Source(citation);
            }
        }
    }

    public void Articles(ArticlePage page)
    {
        if (page.Total == 0)
        {
            Line(ArabicMessages.NoArticles);
            return;
        }
        foreach (var a in page.Items)
        {
            Line($"{a.Number}. {a.Title} — {ArabicDates.Format(a.Date)} ({a.PassageCount} مقاطع) [{a.Id}]");
        }
        if (page.PageCount > 1)
        {
            Line($"— الصفحة {page.Page} من {page.PageCount} ({page.Total} مقالة)");
        }
    }
}
