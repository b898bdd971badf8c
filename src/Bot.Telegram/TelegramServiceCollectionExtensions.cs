using Bot.Core;
using Bot.Telegram.Formatting;
using Bot.Telegram.Handling;
using Bot.Telegram.Hosting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            // No HttpClientFactory logging here: it would print Bot API URLs, which contain the token.
            var http = new HttpClient(new TokenRedactingHandler(options.BotToken!)) { Timeout = TimeSpan.FromSeconds(options.PollingTimeoutSeconds + 30) };
            var clientOptions = new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/'))
            {
                RetryThreshold = options.RetryThresholdSeconds,
                RetryCount = options.RetryCount,
            };
            return new TelegramBotClient(clientOptions, http);
        });

        services.AddSingleton<IUpdateOffsetStore, FileUpdateOffsetStore>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<WorkerExit>();
        services.AddSingleton<OutgoingLimiter>();
        services.AddSingleton<BotSender>();
        services.AddSingleton<CallbackTokens>();
        services.AddSingleton<SentArticles>();
        services.AddSingleton<ChatGate>();
        services.AddSingleton<QuestionHandler>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<CallbackHandler>();
        services.AddSingleton<DocumentHandler>();
        services.AddSingleton<LinkHandler>();
        services.AddSingleton<ChannelPostHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<UpdatePipeline>();
        services.AddHostedService<PollingService>();
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

    /// <returns>0 after a normal shutdown, 2 when the token is missing or rejected, 1 on another fatal failure.</returns>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.SectionName}:BotToken"]))
        {
            await error.WriteLineAsync(MissingTokenMessage).ConfigureAwait(false);
            return 2;
        }

        builder.Services.AddTelegramBot(builder.Configuration);
        builder.Services.AddCorpusWatcher();
        // Room for answers in progress to finish on SIGTERM (the systemd unit allows 45 s).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
        using var host = builder.Build();
        var exit = host.Services.GetRequiredService<WorkerExit>();
        try
        {
            // RunAsync disposes the host when it ends; the exit code holder was taken before.
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return 2;
        }
        return exit.Code;
    }
}
