using Bot.Core;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Core.State;
using Bot.Telegram.Formatting;
using Bot.Telegram.Handling;
using Bot.Telegram.Hosting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Bot.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>The Telegram front-end: a long-polling hosted service over the registered answerer and summariser.</summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName))
            .Validate(o => o.Port is >= 0 and <= 65535, "Health:Port must be between 0 (off) and 65535.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var metrics = sp.GetRequiredService<BotMetrics>();
            // No HttpClientFactory logging here: it would print Bot API URLs, which contain the token.
            var http = new HttpClient(new TokenRedactingHandler(options.BotToken!, metrics.Throttled))
            {
                Timeout = TimeSpan.FromSeconds(options.PollingTimeoutSeconds + 30),
            };
            var clientOptions = new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/'))
            {
                RetryThreshold = options.RetryThresholdSeconds,
                RetryCount = options.RetryCount,
            };
            return new TelegramBotClient(clientOptions, http);
        });

        // State that survives a restart: state.db beside the index (see EmbeddedStateStore).
        services.TryAddSingleton(sp => new EmbeddedStateStore(Path.Combine(sp.GetRequiredService<IndexLocation>().Folder, EmbeddedStateStore.FileName)));
        services.AddSingleton<IUpdateInbox, SqliteUpdateInbox>();
        services.AddSingleton<IButtonStore, SqliteButtonStore>();
        services.AddSingleton<ISentArticleStore, SqliteSentArticleStore>();
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, SqliteConversationStore>());
        services.Replace(ServiceDescriptor.Singleton<IFeedbackStore, SqliteFeedbackStore>());

        services.AddSingleton<BotIdentity>();
        services.AddSingleton<WorkerExit>();
        services.AddSingleton<PollingHealth>();
        services.AddSingleton<OutgoingLimiter>();
        services.AddSingleton<BotSender>();
        services.AddSingleton<CallbackTokens>();
        services.AddSingleton<RequestLimits>();
        services.AddSingleton<ChatGate>();
        services.AddSingleton<QuestionHandler>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<CallbackHandler>();
        services.AddSingleton<DocumentHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<UpdatePipeline>();
        services.AddHostedService<PollingService>();

        services.AddHealthChecks()
            .AddCheck<PollingHealthCheck>("polling")
            .AddCheck<IndexHealthCheck>("index");
        services.AddHostedService<HealthEndpoint>();
        return services;
    }
}

/// <summary>Runs the bot as a hosted worker until Ctrl+C or SIGTERM.</summary>
public static class TelegramWorkerHost
{
    public const string MissingTokenMessage =
        "Telegram:BotToken is not set. Get a token from @BotFather and set the environment variable Telegram__BotToken "
        + "(or: dotnet user-secrets --project src/Bot set Telegram:BotToken <token>). "
        + "To try the bot without Telegram, run: dotnet run --project src/Bot -- chat";

    /// <returns>
    /// 0 after a normal shutdown, 2 when the token is missing or rejected, 3 when another instance polls with the same
    /// token, 1 on any other fatal failure (a hosted service that failed, the state database, the articles folder).
    /// </returns>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.SectionName}:BotToken"]))
        {
            await error.WriteLineAsync(MissingTokenMessage).ConfigureAwait(false);
            return 2;
        }

        builder.Services.AddTelegramBot(builder.Configuration);
        builder.Services.AddCorpusWatcher();
        builder.Services.Configure<HostOptions>(o =>
        {
            // Room for answers in progress to finish on SIGTERM (the systemd unit allows 45 s).
            o.ShutdownTimeout = TimeSpan.FromSeconds(40);
            // A failed hosted service stops the host; FatalExit turns that into a non-zero exit code.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        using var host = builder.Build();
        var exit = host.Services.GetRequiredService<WorkerExit>();
        var services = host.Services.GetServices<IHostedService>().ToList();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bot.Worker");
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // A hosted service that failed to start.
        {
            return FatalExit.Report(logger, WorkerExit.Failure, $"{ex.GetType().Name}: {ex.Message}");
        }
        if (exit.Code != 0)
        {
            return FatalExit.Report(logger, exit.Code, exit.Cause!);
        }
        var failed = services.OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed?.ExecuteTask?.Exception?.GetBaseException() is { } fault)
        {
            return FatalExit.Report(logger, WorkerExit.Failure, $"{failed.GetType().Name} failed: {fault.Message}");
        }
        return 0;
    }
}

/// <summary>The one log line that names why the worker stopped, and the exit code that goes with it.</summary>
internal static partial class FatalExit
{
    public static int Report(ILogger logger, int code, string cause)
    {
        LogFatal(logger, code, cause);
        return code;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The worker stopped with exit code {Code}: {Cause}")]
    private static partial void LogFatal(ILogger logger, int code, string cause);
}
