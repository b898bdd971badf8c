using Bot.Core.Search;
using Bot.Telegram.Formatting;
using Bot.Telegram.Sending;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Handling;

/// <summary>
/// The article list as one message of ten titles, newest first, with a summary button per article and ◀ ▶ buttons
/// that turn the page in the same message: an archive of thousands never floods a chat.
/// </summary>
internal sealed class ArticleListView(IArticleCatalog catalog, CallbackTokens tokens, BotSender sender)
{
    public const int PageSize = 10;

    /// <summary>Sends the page, or shows it in place of <paramref name="editMessageId"/>.</summary>
    public async Task ShowAsync(Chat chat, int page, string? filter, int? editMessageId, CancellationToken cancellationToken)
    {
        var listed = await catalog.PageAsync(new ArticleListQuery(page, PageSize, filter), cancellationToken).ConfigureAwait(false);
        var actions = listed.Items.Select(a => (ButtonAction)new ShowSummary(a.Id)).ToList();
        if (listed.HasPrevious)
        {
            actions.Add(new ShowArticles(listed.Page - 1, filter));
        }
        if (listed.HasNext)
        {
            actions.Add(new ShowArticles(listed.Page + 1, filter));
        }
        var keys = await tokens.RegisterAsync(actions, cancellationToken).ConfigureAwait(false);

        var rows = listed.Items
            .Select((a, i) => new[] { InlineKeyboardButton.WithCallbackData($"📝 {a.Number}. {TelegramHtml.Shorten(a.Title, 40)}", keys[i]) })
            .ToList();
        var navigation = new List<InlineKeyboardButton>();
        var next = listed.Items.Count;
        if (listed.HasPrevious)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("◀ الأحدث", keys[next++]));
        }
        if (listed.HasNext)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData("الأقدم ▶", keys[next]));
        }
        if (navigation.Count > 0)
        {
            rows.Add([.. navigation]);
        }

        var html = TelegramHtml.ArticlePage(listed, filter);
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
}
