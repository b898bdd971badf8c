using System.Threading.RateLimiting;

namespace Bot.Telegram.State;

/// <summary>How many partition limiters are alive, shared by the partitioned limiters of one owner.</summary>
internal sealed class LiveLimiters
{
    private int _value;

    public int Count => Volatile.Read(ref _value);

    public void Add(int delta) => Interlocked.Add(ref _value, delta);
}

/// <summary>
/// One chat's or user's limiter inside a <see cref="PartitionedRateLimiter"/>. Once it has been full again for a
/// second (a full limiter is the same as a new one) it reports itself idle for long, so the partitioned limiter
/// disposes it at its next 100 ms heartbeat instead of after 10 s; that heartbeat also refills it, so there is no
/// timer per chat. Memory follows the chats active in the last window, not every chat ever seen.
/// </summary>
internal sealed class ForgettingLimiter : ReplenishingRateLimiter
{
    private static readonly TimeSpan FullFor = TimeSpan.FromSeconds(1);
    private readonly ReplenishingRateLimiter _inner;
    private readonly LiveLimiters _live;

    private ForgettingLimiter(ReplenishingRateLimiter inner, LiveLimiters live)
    {
        _inner = inner;
        _live = live;
        live.Add(1);
    }

    /// <summary>Wraps a limiter created with <c>AutoReplenishment = false</c>.</summary>
    public static RateLimiter Wrap(ReplenishingRateLimiter inner, LiveLimiters live) => new ForgettingLimiter(inner, live);

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
