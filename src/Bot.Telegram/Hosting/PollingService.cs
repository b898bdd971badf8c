using Bot.Core.Search;
using Bot.Telegram.Handling;
using Bot.Telegram.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Long polling that never loses and never repeats an update: updates go to the <see cref="UpdatePipeline"/> as they
/// arrive, and only its watermark (every update at or below it finished) is persisted and confirmed to Telegram.
/// After a restart, updates at or below the persisted id are skipped and nothing pending is lost. On Ctrl+C/SIGTERM
/// polling stops, running answers finish, and the final watermark is saved and confirmed.
/// </summary>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    UpdatePipeline pipeline,
    IArticleCatalog catalog,
    IUpdateOffsetStore offsets,
    BotIdentity identity,
    WorkerExit exit,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<PollingService> logger) : BackgroundService
{
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
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await IntroduceAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                LogRejectedToken();
                exit.Code = WorkerExit.BadToken;
                lifetime.StopApplication();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException or ApiRequestException)
            {
                // Telegram unreachable at start (network, 5xx): keep trying rather than exit.
                LogPollFailed(ex.Message, pause.TotalSeconds);
                await pipeline.WaitForProgressAsync(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }

        var persisted = await ReadOffsetAsync(stoppingToken).ConfigureAwait(false);
        pipeline.Resume(persisted);
        pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(
                    offset: pipeline.Watermark is { } mark ? (int)(mark + 1) : null,
                    timeout: options.Value.PollingTimeoutSeconds,
                    allowedUpdates: Wanted,
                    cancellationToken: stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                LogRejectedToken();
                exit.Code = WorkerExit.BadToken;
                lifetime.StopApplication();
                break;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException or ApiRequestException)
            {
                LogPollFailed(ex.Message, pause.TotalSeconds);
                await pipeline.WaitForProgressAsync(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                continue;
            }

            var fresh = updates.OrderBy(u => u.Id).Count(pipeline.TryDispatch);
            persisted = await PersistAsync(persisted).ConfigureAwait(false);
            if (fresh == 0 && updates.Length > 0)
            {
                // Only updates still being answered came back: wait for one to finish instead of polling in a loop.
                await pipeline.WaitForProgressAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                persisted = await PersistAsync(persisted).ConfigureAwait(false);
            }
        }

        await pipeline.DrainAsync().ConfigureAwait(false);
        persisted = await PersistAsync(persisted).ConfigureAwait(false);
        await ConfirmAsync(persisted).ConfigureAwait(false);
    }

    /// <summary>The saved offset, unless it is too old to mean anything to Telegram (see <see cref="OffsetTrustedFor"/>).</summary>
    private async Task<long?> ReadOffsetAsync(CancellationToken cancellationToken)
    {
        var saved = await offsets.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            return null;
        }
        if (clock.GetUtcNow() - saved.SavedAt > OffsetTrustedFor)
        {
            LogStaleOffset(saved.LastHandledUpdateId, saved.SavedAt);
            return null;
        }
        return saved.LastHandledUpdateId;
    }

    /// <summary>Saves the watermark when it moved; returns what is saved now.</summary>
    private async Task<long?> PersistAsync(long? saved)
    {
        var mark = pipeline.Watermark;
        if (mark is { } value && mark != saved)
        {
            await offsets.WriteAsync(value, CancellationToken.None).ConfigureAwait(false);
            return mark;
        }
        return saved;
    }

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
        var articles = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(identity.Username, articles.Count);
    }

    /// <summary>Tells Telegram the offset so the handled updates are not delivered again to the next poller.</summary>
    private async Task ConfirmAsync(long? last)
    {
        if (last is null)
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await bot.GetUpdates(offset: (int)(last.Value + 1), limit: 1, timeout: 0, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogStopped(last.Value);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or OperationCanceledException)
        {
            LogConfirmFailed(ex.Message); // The persisted offset still prevents answering twice.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{Username} is polling for updates ({Articles} articles)")]
    private partial void LogStarted(string username, int articles);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (401 Unauthorized). Check Telegram:BotToken (environment variable Telegram__BotToken) with @BotFather.")]
    private partial void LogRejectedToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram request failed ({Reason}); retrying in {Seconds} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved update offset {UpdateId} dates from {SavedAt:u}, older than Telegram keeps updates; starting from Telegram's pending updates instead")]
    private partial void LogStaleOffset(long updateId, DateTimeOffset savedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped; confirmed updates up to {UpdateId}")]
    private partial void LogStopped(long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm the last offset to Telegram: {Reason}")]
    private partial void LogConfirmFailed(string reason);
}

/// <summary>The worker's exit code, set when the bot cannot run (e.g. a rejected token).</summary>
internal sealed class WorkerExit
{
    public const int BadToken = 2;
    public int Code { get; set; }
}
