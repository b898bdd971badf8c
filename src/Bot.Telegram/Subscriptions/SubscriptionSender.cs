using Bot.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// Sends one message (a digest, an alert) to many chats: each chat is claimed in the store, paced (<see
/// cref="BroadcastPacer"/>), sent, and marked sent. A chat another replica or an earlier pass already served is skipped. Once
/// claimed, a send finishes even when the worker stops, so a message that reached Telegram is always marked; only a
/// crash between the two leaves a claim, which expires after <see cref="ClaimLease"/> and is sent again. A chat that
/// blocked the bot or no longer exists loses its subscriptions.
/// </summary>
internal sealed partial class SubscriptionSender(
    ISubscriptionStore store,
    BotSender sender,
    BroadcastPacer pacer,
    IOptions<SubscriptionOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionSender> logger)
{
    internal static readonly TimeSpan DeliveriesKeptFor = TimeSpan.FromDays(30);
    internal static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Sends <paramref name="html"/> as <paramref name="item"/> to each chat not served yet; how many were sent.</summary>
    public async Task<int> SendAsync(IReadOnlyList<Subscription> chats, string item, string html, CancellationToken cancellationToken)
    {
        var sent = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chats, parallel, async (chat, token) =>
        {
            if (await DeliverAsync(chat, item, html, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref sent);
            }
        }).ConfigureAwait(false);
        return sent;
    }

    private async Task<bool> DeliverAsync(Subscription to, string item, string html, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await store.TryClaimAsync(to.ChatId, item, now, now + ClaimLease, cancellationToken).ConfigureAwait(false))
        {
            return false; // Sent already (another replica, an earlier pass), or being sent: no slot spent on it.
        }
        try
        {
            await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await store.ReleaseAsync(to.ChatId, item, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        using var timeout = new CancellationTokenSource(SendTimeout);
        try
        {
            var chat = new Chat { Id = to.ChatId, Type = to.IsGroup ? ChatType.Supergroup : ChatType.Private };
            await sender.SendAsync(chat, html, timeout.Token).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403
                                             || ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            // Blocked, removed from the group, or deleted: nothing will ever reach it again.
            await store.RemoveAsync(to.ChatId, null, CancellationToken.None).ConfigureAwait(false);
            await store.MarkSentAsync(to.ChatId, item, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogGone(to.ChatId, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            LogFailed(ex, item, to.ChatId);
            await store.ReleaseAsync(to.ChatId, item, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        await store.MarkSentAsync(to.ChatId, item, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} is gone ({Reason}); its subscriptions were removed")]
    private partial void LogGone(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Item} to chat {ChatId} failed; a later pass tries again")]
    private partial void LogFailed(Exception exception, string item, long chatId);
}
