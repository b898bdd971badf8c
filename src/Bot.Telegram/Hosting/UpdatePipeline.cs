using Bot.Telegram.Handling;
using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Runs updates as they arrive: each chat's updates in order, different chats at the same time (bounded), so one
/// slow answer never holds up other chats. It tracks the watermark — the highest update id at or below which every
/// update is finished — which is the only offset safe to persist and confirm: updates above it that are still running
/// are redelivered by Telegram and recognised here as already dispatched, never handled twice.
/// </summary>
internal sealed class UpdatePipeline(UpdateHandler handler)
{
    internal const int MaxConcurrentUpdates = 16;

    private readonly Lock _lock = new();
    private readonly SortedSet<int> _running = [];
    private readonly HashSet<int> _dispatched = [];
    private readonly Dictionary<long, Task> _chatTails = [];
    private readonly SemaphoreSlim _slots = new(MaxConcurrentUpdates, MaxConcurrentUpdates);
    private readonly SemaphoreSlim _progress = new(0);
    private long? _watermark;
    private int _highestDispatched;

    public long? Watermark
    {
        get
        {
            lock (_lock)
            {
                return _watermark;
            }
        }
    }

    public void Resume(long? persistedWatermark)
    {
        lock (_lock)
        {
            _watermark = persistedWatermark;
        }
    }

    /// <summary>Starts handling the update unless it was handled or started before; true when it is new.</summary>
    public bool TryDispatch(Update update)
    {
        lock (_lock)
        {
            if (update.Id <= _watermark || !_dispatched.Add(update.Id))
            {
                return false;
            }
            _running.Add(update.Id);
            _highestDispatched = Math.Max(_highestDispatched, update.Id);

            var chat = ChatOf(update);
            var previous = _chatTails.GetValueOrDefault(chat) ?? Task.CompletedTask;
            _chatTails[chat] = RunAfterAsync(previous, update);
            if (_chatTails.Count > 1000)
            {
                foreach (var done in _chatTails.Where(t => t.Value.IsCompleted).Select(t => t.Key).ToList())
                {
                    _chatTails.Remove(done);
                }
            }
            return true;
        }
    }

    /// <summary>Waits until some running update finishes, or the time is up.</summary>
    public async Task WaitForProgressAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        try
        {
            await _progress.WaitAsync(atMost, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the caller drains.
        }
    }

    /// <summary>Lets every dispatched update finish.</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_chatTails.Values.ToList());
        }
    }

    private async Task RunAfterAsync(Task previous, Update update)
    {
        await previous.ConfigureAwait(false);
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            // Started work finishes even during shutdown; the host's shutdown timeout bounds it.
            await handler.HandleAsync(update, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
            Complete(update.Id);
        }
    }

    private void Complete(int id)
    {
        lock (_lock)
        {
            _running.Remove(id);
            long mark = _running.Count == 0 ? _highestDispatched : _running.Min - 1;
            if (_watermark is null || mark > _watermark)
            {
                _watermark = mark;
                _dispatched.RemoveWhere(x => x <= mark);
            }
        }
        _progress.Release();
    }

    internal static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id
        ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;
}
