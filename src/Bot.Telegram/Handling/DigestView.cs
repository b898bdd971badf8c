using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Telegram.Formatting;
using Bot.Telegram.Sending;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Handling;

/// <summary>
/// The digest as one message of ten stories, with ◀ ▶ buttons that turn the page in the same message, and for each story
/// a button listing its sources (outlet, title, date) and one summarising its cited article.
/// </summary>
internal sealed class DigestView(IDigestService digests, IArticleCatalog catalog, CallbackTokens tokens, BotSender sender)
{
    public const int PageSize = 10;

    /// <summary>A story line is cut here in the list (its sources hold the whole text): ten must fit in one message.</summary>
    private const int LineLength = 300;

    /// <summary>Sources listed for one story; the rest are counted.</summary>
    private const int MaxSources = 25;

    public async Task ShowAsync(Chat chat, DigestRequest request, int page, int? editMessageId, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        // One story more than the page shows says whether there is a next page.
        var digest = await digests.BuildAsync(request with { Limit = page * PageSize + 1 }, cancellationToken).ConfigureAwait(false);
        var shown = digest.Stories.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var first = (page - 1) * PageSize;

        var actions = new List<ButtonAction>();
        for (var i = 0; i < shown.Count; i++)
        {
            actions.Add(new ShowStorySources(digest.From, digest.To, first + i));
            actions.Add(new ShowSummary(shown[i].ArticleIds[0]));
        }
        var hasPrevious = page > 1;
        var hasNext = digest.Stories.Count > page * PageSize;
        if (hasPrevious)
        {
            actions.Add(new ShowDigest(digest.From, digest.To, page - 1));
        }
        if (hasNext)
        {
            actions.Add(new ShowDigest(digest.From, digest.To, page + 1));
        }
        var keys = await tokens.RegisterAsync(actions, cancellationToken).ConfigureAwait(false);

        var rows = new List<InlineKeyboardButton[]>();
        for (var i = 0; i < shown.Count; i += 2)
        {
            // Two stories a row: «📰 3 المصادر» «📝 3 ملخص».
            var row = new List<InlineKeyboardButton>();
            for (var j = i; j < Math.Min(i + 2, shown.Count); j++)
            {
                row.Add(InlineKeyboardButton.WithCallbackData($"📰 {first + j + 1} المصادر", keys[2 * j]));
                row.Add(InlineKeyboardButton.WithCallbackData($"📝 {first + j + 1} ملخص", keys[2 * j + 1]));
            }
            rows.Add([.. row]);
        }
        var navigation = new List<InlineKeyboardButton>();
        var next = 2 * shown.Count;
        if (hasPrevious)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("◀ السابق", keys[next++]));
        }
        if (hasNext)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("التالي ▶", keys[next]));
        }
        if (navigation.Count > 0)
        {
            rows.Add([.. navigation]);
        }

        var html = Render(digest, shown, first);
        var keyboard = rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
        if (editMessageId is { } id)
        {
            await sender.EditAsync(chat, id, html, keyboard, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await sender.SendAsync(chat, html, cancellationToken, keyboard).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the list of one story's sources: outlet, title and date of each article, the cited one first.</summary>
    public async Task ShowSourcesAsync(Chat chat, ShowStorySources story, int replyTo, CancellationToken cancellationToken)
    {
        var digest = await digests.BuildAsync(new DigestRequest(story.From, story.To, story.Story + 1), cancellationToken).ConfigureAwait(false);
        if (story.Story >= digest.Stories.Count)
        {
            await sender.SendTextAsync(chat, BotTexts.Expired, cancellationToken, replyTo).ConfigureAwait(false);
            return;
        }
        var chosen = digest.Stories[story.Story];
        var lines = new List<string>
        {
            $"{TelegramHtml.Bold($"{story.Story + 1}. {TelegramHtml.Shorten(chosen.Text, LineLength)}")} {TelegramHtml.Escape(DigestText.Outlets(chosen.Outlets))}",
            string.Empty,
        };
        foreach (var id in chosen.ArticleIds.Take(MaxSources))
        {
            if (await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } article)
            {
                lines.Add($"• {TelegramHtml.Bold(Outlets.Name(article.Source))} — {TelegramHtml.Escape(article.Title)} — {TelegramHtml.Escape(Core.Arabic.ArabicDates.Format(article.Date))}");
            }
        }
        if (chosen.ArticleIds.Count > MaxSources)
        {
            lines.Add(TelegramHtml.Italic($"و{chosen.ArticleIds.Count - MaxSources} مقالة أخرى"));
        }
        await sender.SendAsync(chat, string.Join('\n', lines), cancellationToken, replyTo: replyTo).ConfigureAwait(false);
    }

    internal static string Render(Digest digest, IReadOnlyList<DigestStory> shown, int first)
    {
        if (shown.Count == 0)
        {
            return $"{TelegramHtml.Bold(DigestText.Header(digest))}\n\n{TelegramHtml.Escape(DigestText.Empty)}";
        }
        var lines = shown.Select((s, i) => TelegramHtml.Escape(DigestText.Line(s with { Text = TelegramHtml.Shorten(s.Text, LineLength) }, first + i + 1)));
        return $"{TelegramHtml.Bold(DigestText.Header(digest))}\n\n{string.Join("\n\n", lines)}";
    }
}
