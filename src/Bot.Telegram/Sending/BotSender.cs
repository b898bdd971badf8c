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
/// Sends and edits HTML messages within the outgoing limits. A 429 is retried by Telegram.Bot itself (see
/// <see cref="TelegramOptions.RetryThresholdSeconds"/>); 5xx replies (JSON or a proxy's HTML page) and network
/// errors are retried here with bounded backoff.
/// </summary>
internal sealed partial class BotSender(ITelegramBotClient bot, OutgoingLimiter limiter, IReplyLedger replies, ILogger<BotSender> logger)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Sends each part in order; the keyboard goes on the last part. Returns the last message sent.</summary>
    public async Task<Message> SendAsync(
        Chat chat, IReadOnlyList<string> parts, InlineKeyboardMarkup? keyboard, int? replyTo, CancellationToken cancellationToken)
    {
        Message? last = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var markup = i == parts.Count - 1 ? keyboard : null;
            var reply = i == 0 && replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            last = await WithRetryAsync(chat, "sendMessage", () => bot.SendMessage(
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
            await WithRetryAsync(chat, "editMessageText", () => bot.EditMessageText(
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

    private async Task<T> WithRetryAsync<T>(Chat chat, string method, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await limiter.WaitAsync(chat.Id, chat.Type is ChatType.Group or ChatType.Supergroup, cancellationToken).ConfigureAwait(false);
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Backoff.Length && IsTransient(ex))
            {
                LogRetry(method, chat.Id, attempt + 1, ex.Message);
                await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>5xx (with or without a JSON body), too-many-requests beyond the client's own retries, and network failures.</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        ApiRequestException api => api.ErrorCode >= 500 || api.ErrorCode == 429,
        RequestException request => request.HttpStatusCode is null || (int)request.HttpStatusCode >= 500,
        HttpRequestException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} to chat {ChatId} failed (attempt {Attempt}: {Reason}); retrying")]
    private partial void LogRetry(string method, long chatId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Typing action in chat {ChatId} failed: {Reason}")]
    private partial void LogTypingFailed(long chatId, string reason);
}
