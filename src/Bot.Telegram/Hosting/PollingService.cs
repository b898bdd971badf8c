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
/// Long polling with an at-least-once, never-twice discipline: each batch of updates is handled (chats in parallel,
/// each chat's updates in order) and only then is the last update id persisted and confirmed to Telegram. After a
/// restart, updates at or below the persisted id are skipped and nothing pending is lost. On Ctrl+C/SIGTERM the
/// current batch finishes before the offset is saved.
/// </summary>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    UpdateHandler handler,
    IArticleCatalog catalog,
    IUpdateOffsetStore offsets,
    BotIdentity identity,
    WorkerExit exit,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    ILogger<PollingService> logger) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage, UpdateType.ChannelPost];
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await IntroduceAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 401)
        {
            LogRejectedToken();
            exit.Code = WorkerExit.BadToken;
            lifetime.StopApplication();
            return;
        }

        var last = await offsets.ReadAsync(stoppingToken).ConfigureAwait(false);
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(
                    offset: last is { } id ? (int)(id + 1) : null,
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
                return;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException)
            {
                LogPollFailed(ex.Message, pause.TotalSeconds);
                await PauseAsync(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                continue;
            }

            var fresh = updates.Where(u => last is null || u.Id > last).OrderBy(u => u.Id).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            // In-flight answers finish even when shutdown begins; the host's shutdown timeout bounds them.
            await HandleBatchAsync(fresh, CancellationToken.None).ConfigureAwait(false);
            last = fresh[^1].Id;
            await offsets.WriteAsync(last.Value, CancellationToken.None).ConfigureAwait(false);
        }

        await ConfirmAsync(last).ConfigureAwait(false);
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

    private Task HandleBatchAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken) =>
        Task.WhenAll(updates
            .GroupBy(ChatOf)
            .Select(async chat =>
            {
                foreach (var update in chat)
                {
                    await handler.HandleAsync(update, cancellationToken).ConfigureAwait(false);
                }
            }));

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

    private static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id
        ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    private static async Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{Username} is polling for updates ({Articles} articles)")]
    private partial void LogStarted(string username, int articles);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (401 Unauthorized). Check Telegram:BotToken (environment variable Telegram__BotToken) with @BotFather.")]
    private partial void LogRejectedToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "getUpdates failed ({Reason}); retrying in {Seconds} s")]
    private partial void LogPollFailed(string reason, double seconds);

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
