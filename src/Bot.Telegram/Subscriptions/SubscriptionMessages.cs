using System.Globalization;
using System.Text;
using Bot.Core.Arabic;
using Bot.Core.Corpus;
using Bot.Core.Subscriptions;
using Bot.Telegram.Formatting;

namespace Bot.Telegram.Subscriptions;

/// <summary>The HTML of what subscribers receive: the day's digest and a new-article alert.</summary>
internal static class SubscriptionMessages
{
    private const int AlertLeadLength = 400;

    /// <summary>«📰 موجز 6 أغسطس 2015», one numbered, cited line per story, and how to stop.</summary>
    public static string Digest(DayDigest digest)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"📰 <b>موجز {ArabicDates.Format(digest.Day)}</b>")
            .Append(CultureInfo.InvariantCulture, $" — {TelegramHtml.Escape(Articles(digest.ArticleCount))}\n");
        for (var i = 0; i < digest.Lines.Count; i++)
        {
            var line = digest.Lines[i];
            var mark = $"[{i + 1}]";
            var cite = line.Url is { Length: > 0 } url ? $"<a href=\"{TelegramHtml.Escape(url).Replace("\"", "&quot;")}\">{mark}</a>" : mark;
            var outlets = line.Outlets > 1 ? $" ({Outlets(line.Outlets)})" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. {TelegramHtml.Escape(TelegramHtml.Shorten(line.Text, 300))} {cite}{outlets}");
        }
        text.Append('\n').Append('\n').Append(TelegramHtml.Escape(SubscriptionTexts.DigestFooter));
        return text.ToString();
    }

    /// <summary>«🔔 جديد عن «…»», the title, outlet and date, the opening lines and a link.</summary>
    public static string Alert(Article article, string keywords)
    {
        var lead = TelegramHtml.Shorten(string.Join(' ', article.PublisherSummary.Count > 0 ? article.PublisherSummary : article.Paragraphs), AlertLeadLength);
        var origin = string.Join(" — ", new[] { article.Source, ArabicDates.Format(article.Date) }.Where(s => !string.IsNullOrEmpty(s)));
        var link = article.Url is { Length: > 0 } url ? $"\n<a href=\"{TelegramHtml.Escape(url).Replace("\"", "&quot;")}\">المصدر</a>" : string.Empty;
        return $"🔔 {TelegramHtml.Bold($"جديد عن «{keywords}»")}\n\n{TelegramHtml.Bold(article.Title)}\n{TelegramHtml.Italic(origin)}\n\n"
               + $"{TelegramHtml.Escape(lead)}{link}\n\n{TelegramHtml.Escape(string.Format(CultureInfo.InvariantCulture, SubscriptionTexts.AlertFooter, keywords))}";
    }

    /// <summary>Arabic number agreement: «مصدر واحد», «مصدران», «3 مصادر», «11 مصدرًا».</summary>
    public static string Outlets(int count) => count switch
    {
        1 => "مصدر واحد",
        2 => "مصدران",
        <= 10 => $"{count} مصادر",
        _ => $"{count} مصدرًا",
    };

    private static string Articles(int count) => count switch
    {
        1 => "مقالة واحدة",
        2 => "مقالتان",
        <= 10 => $"{count} مقالات",
        _ => $"{count} مقالة",
    };
}
