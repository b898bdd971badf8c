using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Handling;

/// <summary>What to do with a request from a user, given the per-minute limit.</summary>
internal enum RateDecision
{
    Allow,
    Warn,
    Drop,
}

/// <summary>
/// Per-user request limits through <see cref="PartitionedRateLimiter"/>: <see cref="TelegramOptions.RateLimitPerMinute"/>
/// requests (questions, commands and button presses) per window, and one warning per window once over it. A user's
/// limiter is dropped as soon as its window has refilled (a full window is the same as a new one), so memory follows
/// the users active in the last minute, not every user ever seen.
/// </summary>
internal sealed class RequestLimits : IDisposable
{
    private readonly PartitionedRateLimiter<long> _requests;
    private readonly PartitionedRateLimiter<long> _warnings;
    private readonly PartitionedRateLimiter<long> _refusals;
    private readonly LiveCount _live = new();

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
    public int TrackedPartitions => _live.Value;

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

    /// <summary>True at most once a day per chat, so a chat that is not allowed gets one refusal, not one per message.</summary>
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
        PartitionedRateLimiter.Create<long, long>(key => RateLimitPartition.Get(key, _ => new Forgetting(
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                // The partitioned limiter's own 100 ms heartbeat refills every partition: no timer per user.
                AutoReplenishment = false,
            }), _live)));

    private sealed class LiveCount
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Add(int delta) => Interlocked.Add(ref _value, delta);
    }

    /// <summary>
    /// Reports itself idle for long (so the partitioned limiter disposes it at its next heartbeat) once its window
    /// has been full again for a second; the partitioned limiter would otherwise keep it 10 s more.
    /// </summary>
    private sealed class Forgetting : ReplenishingRateLimiter
    {
        private static readonly TimeSpan FullFor = TimeSpan.FromSeconds(1);
        private readonly FixedWindowRateLimiter _inner;
        private readonly LiveCount _live;

        public Forgetting(FixedWindowRateLimiter inner, LiveCount live)
        {
            _inner = inner;
            _live = live;
            live.Add(1);
        }

        public override TimeSpan? IdleDuration => _inner.IdleDuration is { } idle && idle > FullFor ? TimeSpan.MaxValue : null;

        public override bool IsAutoReplenishing => false;

        public override TimeSpan ReplenishmentPeriod => _inner.ReplenishmentPeriod;

        public override bool TryReplenish() => _inner.TryReplenish();

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            _inner.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _live.Add(-1);
            }
            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            _live.Add(-1);
        }
    }
}
