using Bot.Telegram.Handling;
using Bot.Telegram.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Runs received updates: each chat's messages in order (its button presses in order beside them), different chats
/// at the same time, so one slow answer never holds up other chats. There is no shared pool of slots: what is scarce
/// limits itself where it is used (the chat model by <c>Llm:MaxConcurrentCalls</c>), so a button press or a command
/// that needs no model never waits behind model calls. Every update it is given
/// is already stored in the <see cref="IUpdateInbox"/>; when its handling ends it is removed from there. On shutdown
/// the running ones finish and the waiting ones stay in the inbox for the next start. At most
/// <see cref="TelegramOptions.MaxUpdatesInMemory"/> updates are held in memory: the poller asks Telegram only for as
/// many as there is room for, and for none while it is full.
/// </summary>
internal sealed partial class UpdatePipeline(
    UpdateHandler handler, IUpdateInbox inbox, BotMetrics metrics, WorkerExit exit, IOptions<TelegramOptions> options, ILogger<UpdatePipeline> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Lane, Queue<Update>> _lanes = [];
    private readonly HashSet<int> _inFlight = [];
    private readonly HashSet<Task> _workers = [];
    private TaskCompletionSource _progress = NewSignal();
    private bool _stopping;

    /// <summary>Updates waiting or running.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>True once shutdown began: nothing new starts.</summary>
    public bool Stopping
    {
        get
        {
            lock (_lock)
            {
                return _stopping;
            }
        }
    }

    /// <summary>Queues a stored update behind the earlier ones of its chat; false when it is already here or the pipeline is stopping.</summary>
    public bool Dispatch(Update update)
    {
        lock (_lock)
        {
            if (_stopping || !_inFlight.Add(update.Id))
            {
                return false;
            }
            var key = new Lane(ChatOf(update), update.CallbackQuery is not null);
            if (_lanes.TryGetValue(key, out var lane))
            {
                lane.Enqueue(update);
                return true;
            }
            _lanes[key] = new Queue<Update>([update]);
            var worker = Task.Run(() => RunLaneAsync(key));
            _workers.Add(worker);
            _ = worker.ContinueWith(done => Forget(done), TaskScheduler.Default);
            return true;
        }
    }

    /// <summary>Waits until there is room for more updates; returns how many may be received now (at least 1).</summary>
    public async Task<int> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task progress;
            lock (_lock)
            {
                var room = options.Value.MaxUpdatesInMemory - _inFlight.Count;
                if (room > 0)
                {
                    return room;
                }
                progress = _progress.Task;
            }
            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until some update finishes, or the time is up, or cancellation.</summary>
    public async Task WaitForProgressAsync(TimeSpan atMost, TimeProvider clock, CancellationToken cancellationToken)
    {
        Task progress;
        lock (_lock)
        {
            progress = _progress.Task;
        }
        try
        {
            await progress.WaitAsync(atMost, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Time is up or shutting down; the caller decides.
        }
    }

    /// <summary>Starts nothing new; lets the running updates finish. Waiting ones stay in the inbox for the next start.</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            _stopping = true;
            return Task.WhenAll(_workers.ToList());
        }
    }

    private async Task RunLaneAsync(Lane chat)
    {
        while (true)
        {
            Update update;
            lock (_lock)
            {
                if (_stopping || !_lanes[chat].TryDequeue(out update!))
                {
                    _lanes.Remove(chat);
                    return;
                }
            }
            await RunAsync(update).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(Update update)
    {
        var started = metrics.Start(update);
        try
        {
            // Started work finishes even during shutdown; the host's shutdown timeout bounds it.
            await handler.HandleAsync(update, CancellationToken.None).ConfigureAwait(false);
            await inbox.CompleteAsync(update.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) // Never escapes: a faulted lane would leave its chat unheard.
        {
            // The handler never throws for a bad update; this is the state store failing. Without it the bot
            // would answer this update again after a restart, so it stops with the cause named.
            LogInboxFailed(ex, update.Id);
            exit.Fail(StopReason.Fatal, $"the state database {(ex.Message.Length > 0 ? "failed: " + ex.Message : "failed")}");
        }
        finally
        {
            metrics.Finish(started);
            lock (_lock)
            {
                _inFlight.Remove(update.Id);
                var signal = _progress;
                _progress = NewSignal();
                signal.TrySetResult();
            }
        }
    }

    private void Forget(Task worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// A chat's messages run in order in one lane; its button presses in another, so a press is answered at once even
    /// while a slow answer runs in the same chat (Telegram gives up on an unanswered press after a few seconds).
    /// </summary>
    private readonly record struct Lane(long Chat, bool Presses);

    internal static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id
        ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Update {UpdateId} was handled but could not be marked as done in the state database")]
    private partial void LogInboxFailed(Exception exception, int updateId);
}
