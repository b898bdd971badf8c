using System.Threading.RateLimiting;
using Bot.Telegram.State;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Sending;

/// <summary>
/// Keeps outgoing messages within Telegram's limits through chained <see cref="PartitionedRateLimiter"/>s: at most one
/// message per second in a chat, twenty per minute in a group, <see cref="TelegramOptions.GlobalMessagesPerSecond"/>
/// (30) per second overall. A message waits in line (oldest first) until all three allow it. A chat's limiters are
/// forgotten once they are full again (<see cref="ForgettingLimiter"/>), so memory follows the chats active in the
/// last minute.
/// </summary>
internal sealed class OutgoingLimiter : IDisposable
{
    internal static readonly TimeSpan PerChatInterval = TimeSpan.FromSeconds(1);
    internal const int GroupPerMinute = 20;

    /// <summary>Messages that may wait for one chat; past it something is badly wrong and sending fails.</summary>
    internal const int MaxWaitingPerChat = 1000;

    private readonly PartitionedRateLimiter<Destination> _limiter;
    private readonly LiveLimiters _live = new();

    public OutgoingLimiter(IOptions<TelegramOptions> options)
    {
        var perSecond = options.Value.GlobalMessagesPerSecond;
        var perChat = PartitionedRateLimiter.Create<Destination, long>(to => RateLimitPartition.Get(to.ChatId, _ => ForgettingLimiter.Wrap(
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = PerChatInterval,
                QueueLimit = MaxWaitingPerChat,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = false,
            }), _live)));
        var perGroup = PartitionedRateLimiter.Create<Destination, long>(to => to.IsGroup
            ? RateLimitPartition.Get(to.ChatId, _ => ForgettingLimiter.Wrap(
                new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = GroupPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 12,
                    QueueLimit = MaxWaitingPerChat,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = false,
                }), _live))
            : RateLimitPartition.GetNoLimiter(0L));
        var overall = PartitionedRateLimiter.Create<Destination, int>(_ => RateLimitPartition.GetTokenBucketLimiter(0, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = Math.Max(1, perSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = false,
            }));
        _limiter = PartitionedRateLimiter.CreateChained(perChat, perGroup, overall);
    }

    /// <summary>Chats (and groups) whose limiters are held in memory now.</summary>
    internal int TrackedChats => _live.Count;

    public async Task WaitAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(new Destination(chatId, isGroup), 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"More than {MaxWaitingPerChat} messages are waiting to be sent to chat {chatId}.");
        }
    }

    public void Dispose() => _limiter.Dispose();

    private readonly record struct Destination(long ChatId, bool IsGroup);
}
