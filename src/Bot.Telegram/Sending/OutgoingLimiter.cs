namespace Bot.Telegram.Sending;

/// <summary>
/// Keeps outgoing messages within Telegram's limits: at most one per second in a chat, twenty per minute in a
/// group, <see cref="TelegramOptions.GlobalMessagesPerSecond"/> (30) per second overall. Each call reserves the
/// earliest slot that satisfies all three and waits for it. These are schedules of future slots, which
/// System.Threading.RateLimiting does not offer; chats whose slots are all past are pruned, so memory follows the
/// chats active in the last minute.
/// </summary>
internal sealed class OutgoingLimiter(TimeProvider clock, Microsoft.Extensions.Options.IOptions<TelegramOptions> options)
{
    internal static readonly TimeSpan PerChatInterval = TimeSpan.FromSeconds(1);
    internal const int GroupPerMinute = 20;
    private const int PruneEvery = 1000;

    private int GlobalPerSecond => options.Value.GlobalMessagesPerSecond;

    /// <summary>Chats with a slot still in the future or in the last minute.</summary>
    internal int TrackedChats
    {
        get
        {
            lock (_lock)
            {
                return _lastInChat.Count + _groupWindows.Count;
            }
        }
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _lastInChat = [];
    private readonly Dictionary<long, Queue<DateTimeOffset>> _groupWindows = [];
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private int _reservations;

    public async Task WaitAsync(long chatId, bool isGroup, CancellationToken cancellationToken)
    {
        var delay = Reserve(chatId, isGroup);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Reserve(long chatId, bool isGroup)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var slot = now;
            if (_lastInChat.TryGetValue(chatId, out var last) && last + PerChatInterval > slot)
            {
                slot = last + PerChatInterval;
            }

            Queue<DateTimeOffset>? group = null;
            if (isGroup)
            {
                group = _groupWindows.TryGetValue(chatId, out var g) ? g : _groupWindows[chatId] = new Queue<DateTimeOffset>();
                Trim(group, slot - TimeSpan.FromMinutes(1));
                if (group.Count >= GroupPerMinute)
                {
                    slot = Max(slot, group.ElementAt(group.Count - GroupPerMinute) + TimeSpan.FromMinutes(1));
                }
            }

            Trim(_globalWindow, slot - TimeSpan.FromSeconds(1));
            if (_globalWindow.Count >= GlobalPerSecond)
            {
                slot = Max(slot, _globalWindow.ElementAt(_globalWindow.Count - GlobalPerSecond) + TimeSpan.FromSeconds(1));
            }

            _lastInChat[chatId] = slot;
            group?.Enqueue(slot);
            _globalWindow.Enqueue(slot);
            if (++_reservations % PruneEvery == 0)
            {
                Prune(now);
            }
            return slot - now;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var chat in _lastInChat.Where(c => c.Value + PerChatInterval <= now).Select(c => c.Key).ToList())
        {
            _lastInChat.Remove(chat);
        }
        foreach (var (chat, window) in _groupWindows.ToList())
        {
            Trim(window, now - TimeSpan.FromMinutes(1));
            if (window.Count == 0)
            {
                _groupWindows.Remove(chat);
            }
        }
    }

    private static void Trim(Queue<DateTimeOffset> window, DateTimeOffset before)
    {
        while (window.Count > 0 && window.Peek() <= before)
        {
            window.Dequeue();
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
