using Bot.Core;
using Bot.Core.State.Postgres;
using Bot.Telegram;
using Bot.Telegram.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>
/// Runs the Telegram bot as a hosted worker until Ctrl+C or SIGTERM, and tells the truth in its exit code: whatever
/// stops it on its own (a reason the worker gives, a hosted service that failed, a start that failed) ends in a
/// non-zero code and one log line naming the cause, so systemd's <c>Restart=on-failure</c> acts on it.
/// </summary>
internal static partial class WorkerHost
{
    public const int Stopped = 0;
    public const int Fatal = 1;
    public const int BadTokenOrConfiguration = 2;
    public const int AnotherInstance = 3;

    /// <summary>Room for answers in progress to finish on SIGTERM (the systemd unit allows 45 s).</summary>
    internal static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(40);

    public static async Task<int> RunAsync(WebApplicationBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.SectionName}:BotToken"]))
        {
            await error.WriteLineAsync(TelegramServiceCollectionExtensions.MissingTokenMessage).ConfigureAwait(false);
            return BadTokenOrConfiguration;
        }

        // First: with Storage:Provider=Postgres the schema is migrated before anything else starts.
        builder.Services.AddArticleFeed(builder.Configuration);
        builder.Services.AddTelegramBot(builder.Configuration);
        builder.Services.AddCorpusWatcher();
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = DrainTime;
            // A failed hosted service stops the host (and is reported below) instead of leaving a half-working bot.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.UseBotWebServer();
        await using var host = builder.Build();
        var exit = host.Services.GetRequiredService<WorkerExit>();
        var services = host.Services.GetServices<IHostedService>().ToList();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bot.Worker");
        try
        {
            host.MapTelegramEndpoints();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            if (BotWebServer.Addresses(host.Services) is { Count: > 0 } addresses)
            {
                LogListening(logger, string.Join(", ", addresses));
            }
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return BadTokenOrConfiguration;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // A hosted service that failed to start.
        {
            return Report(logger, Fatal, $"{ex.GetType().Name}: {ex.Message}");
        }

        if (exit.Reason != StopReason.None)
        {
            return Report(logger, exit.Reason switch
            {
                StopReason.TokenRejected => BadTokenOrConfiguration,
                StopReason.AnotherInstance => AnotherInstance,
                _ => Fatal,
            }, exit.Cause ?? exit.Reason.ToString());
        }
        var failed = services.OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed?.ExecuteTask?.Exception?.GetBaseException() is { } fault)
        {
            return Report(logger, Fatal, $"{failed.GetType().Name} failed: {fault.Message}");
        }
        return Stopped;
    }

    private static int Report(ILogger logger, int code, string cause)
    {
        LogFatal(logger, code, cause);
        return code;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Addresses} (/healthz, /readyz, /health and, in webhook mode, the webhook)")]
    private static partial void LogListening(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The worker stopped with exit code {Code}: {Cause}")]
    private static partial void LogFatal(ILogger logger, int code, string cause);
}
