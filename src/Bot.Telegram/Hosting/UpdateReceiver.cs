using Bot.Core.Search;
using Bot.Telegram.Handling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>
/// The update flow of both modes: the bot introduces itself (its name, the Arabic command menu, the index opened so
/// the first question does not wait), retrying while Telegram is unreachable; then the <see cref="IUpdateSource"/>
/// receives and hands updates to the <see cref="UpdatePipeline"/>; on stop the running answers finish before the
/// source confirms or gives back what it received. A rejected token or an unreadable index stops the worker with
/// its cause (<see cref="WorkerExit"/>).
/// </summary>
internal sealed partial class UpdateReceiver(
    IUpdateSource source,
    ITelegramBotClient bot,
    UpdatePipeline pipeline,
    UpdateHandOff handOff,
    IArticleCatalog catalog,
    BotIdentity identity,
    BotMetrics metrics,
    WorkerExit exit,
    TimeProvider clock,
    ILogger<UpdateReceiver> logger) : BackgroundService
{
    internal const string RejectedTokenMessage =
        "Telegram rejected the bot token (401 Unauthorized). Check Telegram:BotToken (environment variable Telegram__BotToken) with @BotFather.";

    /// <summary>Longest pause between two attempts to reach Telegram (1, 2, 4 … 30 s).</summary>
    internal static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueue(() => pipeline.Count);
        try
        {
            await UntilTelegramAnswers(source, clock, logger).ExecuteAsync(IntroduceAsync, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 401)
        {
            exit.Fail(StopReason.TokenRejected, RejectedTokenMessage);
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            exit.Fail(StopReason.Fatal, $"the articles or their index cannot be read: {ex.Message}");
            return;
        }

        await source.ReceiveAsync(handOff, stoppingToken).ConfigureAwait(false);
        await pipeline.DrainAsync().ConfigureAwait(false);
        await source.FinishAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        source.Stopping();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Retries a call to Telegram for as long as it is unreachable or failing (network, 5xx, 429 beyond Telegram.Bot's
    /// own retries), pausing 1, 2, 4 … 30 s; a rejected token (401) and a 409 Conflict are the caller's to handle.
    /// </summary>
    internal static ResiliencePipeline UntilTelegramAnswers(IUpdateSource source, TimeProvider clock, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<ApiRequestException>(ex => ex.ErrorCode is not (401 or 409))
                    .Handle<RequestException>(ex => ex is not ApiRequestException)
                    .Handle<HttpRequestException>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxPause,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception!.Message;
                    source.Failed(reason);
                    LogRetrying(logger, reason, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();

    private async ValueTask IntroduceAsync(CancellationToken cancellationToken)
    {
        await source.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var me = await bot.GetMe(cancellationToken).ConfigureAwait(false);
        identity.Id = me.Id;
        identity.Username = me.Username ?? string.Empty;
        await bot.SetMyCommands(
            CommandHandler.Menu.Select(c => new BotCommand { Command = c.Command, Description = c.Description }),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var articles = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
        await source.ConnectAsync(cancellationToken).ConfigureAwait(false);
        source.Succeeded(clock.GetUtcNow());
        LogStarted(identity.Username, source.GetType().Name, articles);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{Username} receives updates ({Source}, {Articles} articles)")]
    private partial void LogStarted(string username, string source, int articles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram request failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string reason, double seconds);
}
