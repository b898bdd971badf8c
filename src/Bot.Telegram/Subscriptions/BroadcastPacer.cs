using Microsoft.Extensions.Options;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// Spaces subscription messages evenly on the injected clock: never two closer than 1 / <see
/// cref="SubscriptionOptions.MessagesPerSecond"/>, so a broadcast to thousands of chats stays under Telegram's 30 per
/// second with room left for replies. The <see cref="Sending.OutgoingLimiter"/> still applies to every message; it
/// runs on real time (System.Threading.RateLimiting takes no TimeProvider), this one on <see cref="TimeProvider"/>
/// so a test can check a whole broadcast with a fake clock.
/// </summary>
internal sealed class BroadcastPacer(IOptions<SubscriptionOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1.0 / options.Value.MessagesPerSecond);
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private int _waiting;

    /// <summary>Senders waiting for their slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for the next free slot (now, if the last one is long past).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset slot;
        lock (_lock)
        {
            slot = _next > now ? _next : now;
            _next = slot + _interval;
        }
        if (slot > now)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(slot - now, clock, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }
}
