using System.Data.Common;
using Bot.Core.Search;
using Bot.Telegram.Handling;
using Bot.Telegram.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Long polling that is never deaf and never loses or repeats an update: each batch from getUpdates is first stored
/// in the <see cref="IUpdateInbox"/> together with the new offset, then handed to the <see cref="UpdatePipeline"/>, and
/// the next getUpdates confirms it to Telegram, however long the answers take. After a restart the updates still in
/// the inbox run first: with the shared store only those no live owner holds (a previous process still stopping
/// keeps its own), and while polling it renews its claims and takes over those whose owner died. On Ctrl+C/SIGTERM
/// polling stops, running answers finish, waiting ones stay in the inbox, given back for the next process.
/// A rejected token, another instance polling with the same token, or a state database that cannot be written stops
/// the worker with its cause (<see cref="WorkerExit"/>).
/// </summary>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    UpdatePipeline pipeline,
    IArticleCatalog catalog,
    IUpdateInbox inbox,
    IUpdateClaims claims,
    BotIdentity identity,
    WorkerExit exit,
    PollingHealth health,
    BotMetrics metrics,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<PollingService> logger) : BackgroundService
{
    internal const string ConflictMessage = "another instance is polling with this token; stop it or use webhook mode";
    internal const string RejectedTokenMessage =
        "Telegram rejected the bot token (401 Unauthorized). Check Telegram:BotToken (environment variable Telegram__BotToken) with @BotFather.";

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.EditedChannelPost];
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Telegram keeps unconfirmed updates for 24 hours, and after a week without updates it may restart update ids at
    /// a random, possibly lower, value. An offset saved longer ago than this cannot protect any update still held by
    /// Telegram, and trusting it could skip (and confirm away) every new update, so it is not used.
    /// </summary>
    internal static readonly TimeSpan OffsetTrustedFor = TimeSpan.FromHours(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueue(() => pipeline.Count);
        if (!await IntroduceWithRetriesAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        long? lastReceived;
        try
        {
            lastReceived = await ResumeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStateFailure(ex))
        {
            exit.Fail(StopReason.Fatal, $"the state database cannot be read: {ex.Message}");
            return;
        }

        var pause = TimeSpan.FromSeconds(1);
        DateTimeOffset? conflictSince = null;
        // Beside the long polls (which can outlast a third of the lease), and on through the drain on shutdown.
        using var stopKeeping = new CancellationTokenSource();
        var keeping = KeepClaimsAsync(stopKeeping.Token);
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                var room = await pipeline.WaitForRoomAsync(stoppingToken).ConfigureAwait(false);
                updates = await bot.GetUpdates(
                    offset: lastReceived is { } last ? (int)(last + 1) : null,
                    limit: Math.Min(100, room),
                    timeout: options.Value.PollingTimeoutSeconds,
                    allowedUpdates: Wanted,
                    cancellationToken: stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromSeconds(1);
                conflictSince = null;
                health.Polled(clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                exit.Fail(StopReason.TokenRejected, RejectedTokenMessage);
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
            catch (Exception ex) when (ex is RequestException or HttpRequestException or ApiRequestException)
            {
                health.Failed(ex.Message);
                LogPollFailed(ex.Message, pause.TotalSeconds);
                await PauseAsync(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                continue;
            }

            var fresh = updates.Where(u => lastReceived is null || u.Id > lastReceived).OrderBy(u => u.Id).ToList();
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
            lastReceived = fresh[^1].Id;
            metrics.Received(fresh.Count);
            foreach (var update in fresh)
            {
                pipeline.Dispatch(update);
            }
        }

        await pipeline.DrainAsync().ConfigureAwait(false);
        await stopKeeping.CancelAsync().ConfigureAwait(false);
        await keeping.ConfigureAwait(false);
        await ReleaseClaimsAsync().ConfigureAwait(false);
        await ConfirmAsync(lastReceived).ConfigureAwait(false);
    }

    /// <summary>
    /// With the shared store, every third of the lease: keeps this process's leases alive and runs the updates an owner that died left behind
    /// (their lease ran out), such as those of a previous process still stopping when this one started.
    /// </summary>
    private async Task KeepClaimsAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds) / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stoppingToken).ConfigureAwait(false);
                await claims.RenewAsync(stoppingToken).ConfigureAwait(false);
                var room = options.Value.MaxUpdatesInMemory - pipeline.Count;
                var orphans = room > 0 ? await claims.TakeOverExpiredAsync(room, stoppingToken).ConfigureAwait(false) : [];
                if (orphans.Count > 0)
                {
                    LogResuming(orphans.Count);
                }
                foreach (var update in orphans)
                {
                    pipeline.Dispatch(update);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException)
            {
                LogClaimsFailed(ex.Message); // The next pass tries again; a lease that runs out meanwhile is taken over later.
            }
        }
    }

    /// <summary>Gives back the updates left waiting, so the next process takes them at once instead of after their lease.</summary>
    private async Task ReleaseClaimsAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await claims.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or OperationCanceledException)
        {
            LogClaimsFailed(ex.Message); // Their leases run out by themselves.
        }
    }

    /// <summary>Introduces the bot, retrying while Telegram is unreachable; false when the worker must stop.</summary>
    private async Task<bool> IntroduceWithRetriesAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await IntroduceAsync(stoppingToken).ConfigureAwait(false);
                return true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                exit.Fail(StopReason.TokenRejected, RejectedTokenMessage);
                return false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException or ApiRequestException)
            {
                // Telegram unreachable at start (network, 5xx): keep trying rather than exit.
                health.Failed(ex.Message);
                LogPollFailed(ex.Message, pause.TotalSeconds);
                await PauseAsync(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                exit.Fail(StopReason.Fatal, $"the articles or their index cannot be read: {ex.Message}");
                return false;
            }
        }
    }

    /// <summary>Runs the updates left in the inbox; returns the saved offset unless it is too old (see <see cref="OffsetTrustedFor"/>).</summary>
    private async Task<long?> ResumeAsync(CancellationToken cancellationToken)
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
        foreach (var update in saved.Pending)
        {
            pipeline.Dispatch(update);
        }
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

    /// <summary>Drops a leftover webhook, learns its own username, registers the Arabic command menu.</summary>
    private async Task IntroduceAsync(CancellationToken cancellationToken)
    {
        await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken).ConfigureAwait(false);
        var me = await bot.GetMe(cancellationToken).ConfigureAwait(false);
        identity.Id = me.Id;
        identity.Username = me.Username ?? string.Empty;
        await bot.SetMyCommands(
            CommandHandler.Menu.Select(c => new BotCommand { Command = c.Command, Description = c.Description }),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        // Open (or build) the index now, so the first question does not wait for it.
        var articles = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
        health.Polled(clock.GetUtcNow());
        LogStarted(identity.Username, articles);
    }

    /// <summary>Tells Telegram the offset so the received updates are not delivered again to the next poller.</summary>
    private async Task ConfirmAsync(long? last)
    {
        if (last is null || exit.Reason is StopReason.TokenRejected or StopReason.AnotherInstance)
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await bot.GetUpdates(offset: (int)(last.Value + 1), limit: 1, timeout: 0, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogStopped(last.Value, pipeline.Count);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or OperationCanceledException)
        {
            LogConfirmFailed(ex.Message); // The saved offset still prevents answering twice.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{Username} is polling for updates ({Articles} articles)")]
    private partial void LogStarted(string username, int articles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} updates received before the last stop")]
    private partial void LogResuming(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram request failed ({Reason}); retrying in {Seconds} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "getUpdates: 409 Conflict: {Reason}")]
    private partial void LogConflict(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved update offset {UpdateId} dates from {SavedAt:u}, older than Telegram keeps updates; starting from Telegram's pending updates instead ({Dropped} stored updates dropped)")]
    private partial void LogStaleOffset(long updateId, DateTimeOffset savedAt, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; confirmed updates up to {UpdateId}; {Waiting} received updates wait for the next start")]
    private partial void LogStopped(long updateId, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew, take over or release update claims: {Reason}")]
    private partial void LogClaimsFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the last offset to Telegram: {Reason}")]
    private partial void LogConfirmFailed(string reason);
}
