using System.Threading.RateLimiting;
using Bot.Telegram.State;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Handling;

/// <summary>What to do with a request from a user, given the per-minute limit.</summary>
internal enum RateDecision
{
    Allow,
    Warn,
    Drop,
}

/// <summary>Counts each user's requests against <see cref="TelegramOptions.RateLimitPerMinute"/>.</summary>
internal interface IRequestLimits
{
    /// <summary>Counts a request; over the limit the user is warned once a window, then requests are dropped.</summary>
    ValueTask<RateDecision> TryAcquireAsync(long userId, CancellationToken cancellationToken);

    /// <summary>True at most once a day per chat, so a chat that is not allowed gets one refusal, not one per message.</summary>
    bool ShouldRefuse(long chatId);
}

/// <summary>
/// Per-user request limits through <see cref="PartitionedRateLimiter"/>: <see cref="TelegramOptions.RateLimitPerMinute"/>
/// requests (questions, commands and button presses) per window, and one warning per window once over it. A user's
/// limiter is dropped soon after its window has refilled (<see cref="ForgettingLimiter"/>), so memory follows the
/// users active in the last minute, not every user ever seen.
/// </summary>
internal sealed class RequestLimits : IRequestLimits, IDisposable
{
    private readonly PartitionedRateLimiter<long> _requests;
    private readonly PartitionedRateLimiter<long> _warnings;
    private readonly PartitionedRateLimiter<long> _refusals;
    private readonly LiveLimiters _live = new();

    public RequestLimits(IOptions<TelegramOptions> options)
        : this(options.Value.RateLimitPerMinute, TimeSpan.FromMinutes(1))
    {
    }

    internal RequestLimits(int perWindow, TimeSpan window)
    {
        _requests = Partitioned(perWindow, window);
        _warnings = Partitioned(1, window);
        _refusals = Partitioned(1, TimeSpan.FromDays(1));
    }

    /// <summary>Users (and refused chats) whose limiter is held in memory now.</summary>
    public int TrackedPartitions => _live.Count;

    /// <summary>
    /// Counts a request. Over the limit the user is told once a window (<see cref="RateDecision.Warn"/>); further
    /// requests are dropped silently, so a flood never turns into a flood of warnings.
    /// </summary>
    public RateDecision TryAcquire(long userId)
    {
        using var lease = _requests.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return RateDecision.Allow;
        }
        using var warning = _warnings.AttemptAcquire(userId);
        return warning.IsAcquired ? RateDecision.Warn : RateDecision.Drop;
    }

    public ValueTask<RateDecision> TryAcquireAsync(long userId, CancellationToken cancellationToken) => ValueTask.FromResult(TryAcquire(userId));

    public bool ShouldRefuse(long chatId)
    {
        using var lease = _refusals.AttemptAcquire(chatId);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _warnings.Dispose();
        _refusals.Dispose();
    }

    private PartitionedRateLimiter<long> Partitioned(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<long, long>(key => RateLimitPartition.Get(key, _ => ForgettingLimiter.Wrap(
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                // The partitioned limiter's own 100 ms heartbeat refills every partition: no timer per user.
                AutoReplenishment = false,
            }), _live)));
}
