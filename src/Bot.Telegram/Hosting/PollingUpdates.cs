using Bot.Telegram.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Long polling that is never deaf and never loses or repeats an update: each batch from getUpdates is first stored
/// in the <see cref="IUpdateInbox"/> together with the new offset, then handed on, and the next getUpdates confirms
/// it to Telegram, however long the answers take. After a restart the updates still in the inbox run first: with the
/// shared store only those no live owner holds (a previous process still stopping keeps its own), and while polling
/// the <see cref="ClaimKeeper"/> renews this process's claims and takes over those whose owner died. On stop the
/// waiting ones stay in the inbox, given back for the next process. Another instance polling with the same token, or a state database that cannot
/// be written stops the worker with its cause (<see cref="WorkerExit"/>).
/// </summary>
internal sealed partial class PollingUpdates(
    ITelegramBotClient bot,
    IUpdateInbox inbox,
    ClaimKeeper keeper,
    WorkerExit exit,
    PollingHealth health,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<PollingUpdates> logger) : IUpdateSource
{
    internal const string ConflictMessage = "another instance is polling with this token; stop it or use webhook mode";

    /// <summary>Telegram's most updates per getUpdates.</summary>
    private const int MaxBatch = 100;

    /// <summary>
    /// Telegram keeps unconfirmed updates for 24 hours, and after a week without updates it may restart update ids at
    /// a random, possibly lower, value. An offset saved longer ago than this cannot protect any update still held by
    /// Telegram, and trusting it could skip (and confirm away) every new update, so it is not used.
    /// </summary>
    internal static readonly TimeSpan OffsetTrustedFor = TimeSpan.FromHours(25);

    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    private long? _lastReceived;

    public Task PrepareAsync(CancellationToken cancellationToken) =>
        bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken); // A webhook left from webhook mode would refuse getUpdates.

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Succeeded(DateTimeOffset at) => health.Polled(at);

    public void Failed(string reason) => health.Failed(reason);

    public void Stopping()
    {
    }

    public async Task ReceiveAsync(UpdateHandOff handOff, CancellationToken stoppingToken)
    {
        try
        {
            _lastReceived = await ResumeAsync(handOff, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStateFailure(ex))
        {
            exit.Fail(StopReason.Fatal, $"the state database cannot be read: {ex.Message}");
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        // Beside the long polls, which can outlast a third of a lease.
        using var stopKeeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keeping = keeper.KeepAsync(handOff, () => { }, _ => { }, stopKeeping.Token);
        try
        {
            await PollAsync(handOff, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await stopKeeping.CancelAsync().ConfigureAwait(false);
            await keeping.ConfigureAwait(false);
        }
    }

    private async Task PollAsync(UpdateHandOff handOff, CancellationToken stoppingToken)
    {
        var retry = UpdateReceiver.UntilTelegramAnswers(this, clock, logger);
        DateTimeOffset? conflictSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                var room = await handOff.WaitForRoomAsync(stoppingToken).ConfigureAwait(false);
                updates = await retry.ExecuteAsync(async ct => await bot.GetUpdates(
                    offset: _lastReceived is { } last ? (int)(last + 1) : null,
                    limit: Math.Min(MaxBatch, room),
                    timeout: options.Value.PollingTimeoutSeconds,
                    allowedUpdates: WebhookUpdates.Wanted,
                    cancellationToken: ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                conflictSince = null;
                health.Polled(clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                exit.Fail(StopReason.TokenRejected, UpdateReceiver.RejectedTokenMessage);
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                // Right after a restart the old process may still hold its last long poll: allow a short grace period.
                var now = clock.GetUtcNow();
                conflictSince ??= now;
                health.Failed(ConflictMessage);
                if (now - conflictSince >= TimeSpan.FromSeconds(options.Value.ConflictGraceSeconds))
                {
                    exit.Fail(StopReason.AnotherInstance, $"Telegram answered 409 Conflict: {ConflictMessage}");
                    break;
                }
                LogConflict(ConflictMessage);
                await PauseAsync(TimeSpan.FromSeconds(Math.Min(1, options.Value.ConflictGraceSeconds)), stoppingToken).ConfigureAwait(false);
                continue;
            }

            var fresh = updates.Where(u => _lastReceived is null || u.Id > _lastReceived).OrderBy(u => u.Id).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            try
            {
                // Stored before they are confirmed: the next getUpdates tells Telegram to forget them.
                await inbox.AcceptAsync(fresh, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStateFailure(ex))
            {
                exit.Fail(StopReason.Fatal, $"the state database cannot be written: {ex.Message}");
                break;
            }
            _lastReceived = fresh[^1].Id;
            handOff.Received(fresh);
        }
    }

    /// <summary>Tells Telegram the offset so the received updates are not delivered again to the next poller.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await keeper.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        if (_lastReceived is not { } last || exit.Reason is StopReason.TokenRejected or StopReason.AnotherInstance)
        {
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConfirmTimeout);
            await bot.GetUpdates(offset: (int)(last + 1), limit: 1, timeout: 0, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogStopped(last);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or OperationCanceledException)
        {
            LogConfirmFailed(ex.Message); // The saved offset still prevents answering twice.
        }
    }

    /// <summary>Runs the updates left in the inbox; returns the saved offset unless it is too old (see <see cref="OffsetTrustedFor"/>).</summary>
    private async Task<long?> ResumeAsync(UpdateHandOff handOff, CancellationToken cancellationToken)
    {
        var saved = await inbox.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (saved.LastReceivedUpdateId is { } last && clock.GetUtcNow() - saved.SavedAt > OffsetTrustedFor)
        {
            // Updates stored that long ago are older than anything Telegram still holds, and their ids may come
            // again for new updates: they are dropped rather than answered a day late or confused with new ones.
            LogStaleOffset(last, saved.SavedAt!.Value, saved.Pending.Count);
            foreach (var update in saved.Pending)
            {
                await inbox.CompleteAsync(update.Id, cancellationToken).ConfigureAwait(false);
            }
            return null;
        }
        if (saved.Pending.Count > 0)
        {
            LogResuming(saved.Pending.Count);
        }
        handOff.Resume(saved.Pending);
        return saved.LastReceivedUpdateId;
    }

    /// <summary>Waits on the injected clock; returns early (without throwing) when the worker stops.</summary>
    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, clock, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends it.
        }
    }

    private static bool IsStateFailure(Exception ex) => ex is SqliteException or IOException or UnauthorizedAccessException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} updates received before the last stop")]
    private partial void LogResuming(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "getUpdates: 409 Conflict: {Reason}")]
    private partial void LogConflict(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved update offset {UpdateId} dates from {SavedAt:u}, older than Telegram keeps updates; starting from Telegram's pending updates instead ({Dropped} stored updates dropped)")]
    private partial void LogStaleOffset(long updateId, DateTimeOffset savedAt, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; confirmed updates up to {UpdateId}")]
    private partial void LogStopped(long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the last offset to Telegram: {Reason}")]
    private partial void LogConfirmFailed(string reason);
}
