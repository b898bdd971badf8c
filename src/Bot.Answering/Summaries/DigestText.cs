using Bot.Core.Answering;
using Bot.Core.Arabic;

namespace Bot.Core.Summaries;

/// <summary>The Arabic wording of digests and timelines, shared by every front-end.</summary>
public static class DigestText
{
    /// <summary>«(مصدر واحد)», «(مصدران)», «(3 مصادر)», «(11 مصدرًا)»: Arabic counts the noun after the number.</summary>
    public static string Outlets(int count) => count switch
    {
        1 => "(مصدر واحد)",
        2 => "(مصدران)",
        >= 3 and <= 10 => $"({count} مصادر)",
        _ => $"({count} مصدرًا)",
    };

    /// <summary>«أبرز القصص: 6 أغسطس 2015 — 3,218 مقالة» (a period shows both ends).</summary>
    public static string Header(Digest digest)
    {
        var period = digest.From == digest.To
            ? ArabicDates.Format(digest.From)
            : $"{ArabicDates.Format(digest.From)} – {ArabicDates.Format(digest.To)}";
        return $"أبرز القصص: {period} — {digest.ArticleCount:N0} مقالة";
    }

    /// <summary>«3. نص الخبر (11 مصدرًا)».</summary>
    public static string Line(DigestStory story, int number) => $"{number}. {story.Text} {Outlets(story.Outlets)}";

    public const string TimelineLabel = "تطورات الموضوع بترتيب التاريخ";

    public const string LatestLabel = "آخر الأخبار، الأحدث أولًا";

    public const string Empty = "لا توجد مقالات في هذه الفترة.";

    /// <summary>The label a summary of this kind is shown with, or null for an article's summary.</summary>
    public static string? Label(string kind) => kind switch
    {
        Summary.TimelineKind => TimelineLabel,
        Summary.LatestKind => LatestLabel,
        _ => null,
    };

    /// <summary>The timeline as a summary: one «التاريخ — الجملة [n]» per line, with its citations.</summary>
    public static Summary ToSummary(Timeline timeline) => new(
        string.Empty,
        timeline.Topic,
        null,
        timeline.NewestFirst ? Summary.LatestKind : Summary.TimelineKind,
        timeline.Lines.Count == 0 ? [timeline.Message ?? ArabicMessages.NotFound] : timeline.Lines.Select(TimelineLine).ToList(),
        timeline.Citations);

    public static string TimelineLine(TimelineLine line) => $"{ArabicDates.Format(line.Date)} — {line.Text}";
}
