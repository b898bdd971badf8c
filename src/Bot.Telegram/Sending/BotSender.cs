using Bot.Telegram.Formatting;
using Bot.Telegram.State;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Sending;

/// <summary>
/// Sends and edits HTML messages within the outgoing limits. Retries happen below, in the Bot API's HttpClient, and
/// only when they cannot answer twice (see <see cref="TelegramHttp"/>); a 429 is retried by Telegram.Bot itself.
/// </summary>
internal sealed partial class BotSender(ITelegramBotClient bot, OutgoingLimiter limiter, IReplyLedger replies, ILogger<BotSender> logger)
{

    /// <summary>Sends each part in order; the keyboard goes on the last part. Returns the last message sent.</summary>
    public async Task<Message> SendAsync(
        Chat chat, IReadOnlyList<string> parts, InlineKeyboardMarkup? keyboard, int? replyTo, CancellationToken cancellationToken)
    {
        Message? last = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var markup = i == parts.Count - 1 ? keyboard : null;
            var reply = i == 0 && replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            last = await WithinLimitsAsync(chat, () => bot.SendMessage(
                chat.Id, parts[i], ParseMode.Html, replyParameters: reply, replyMarkup: markup,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            if (reply is { MessageId: { } repliedTo })
            {
                await replies.RepliedAsync(chat.Id, repliedTo, cancellationToken).ConfigureAwait(false);
            }
        }
        return last!;
    }

    public Task<Message> SendAsync(Chat chat, string html, CancellationToken cancellationToken, InlineKeyboardMarkup? keyboard = null, int? replyTo = null) =>
        SendAsync(chat, [html], keyboard, replyTo, cancellationToken);

    public Task<Message> SendTextAsync(Chat chat, string plainText, CancellationToken cancellationToken, int? replyTo = null) =>
        SendAsync(chat, [TelegramHtml.Escape(plainText)], null, replyTo, cancellationToken);

    public async Task EditAsync(Chat chat, int messageId, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        try
        {
            await WithinLimitsAsync(chat, () => bot.EditMessageText(
                chat.Id, messageId, html, ParseMode.Html, keyboard, new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // Same text as before: nothing to do.
        }
    }

    public async Task TypingAsync(Chat chat, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendChatAction(chat.Id, ChatAction.Typing, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            LogTypingFailed(chat.Id, ex.Message); // Cosmetic; the answer still goes out.
        }
    }

    private async Task<T> WithinLimitsAsync<T>(Chat chat, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(chat.Id, chat.Type is ChatType.Group or ChatType.Supergroup, cancellationToken).ConfigureAwait(false);
        return await call().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Typing action in chat {ChatId} failed: {Reason}")]
    private partial void LogTypingFailed(long chatId, string reason);
}
