using Bot.Core;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Core.State;
using Bot.Core.State.Postgres;
using Bot.Telegram.Formatting;
using Bot.Telegram.Handling;
using Bot.Telegram.Hosting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Bot.Telegram.Subscriptions;
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
    /// <summary>
    /// The Telegram front-end over the registered answerer and summariser: updates by long polling or by webhook
    /// (<see cref="TelegramOptions.Mode"/>) through one <see cref="UpdateReceiver"/>. The web endpoints are mapped on the
    /// application's own host by <see cref="BotWebServer"/>.
    /// </summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();

        services.AddTelegramHttpClient();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var clientOptions = new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/'))
            {
                RetryThreshold = options.RetryThresholdSeconds,
                RetryCount = options.RetryCount,
            };
            return new TelegramBotClient(clientOptions, sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramHttp.ClientName));
        });

        var postgres = StorageOptions.IsPostgres(configuration);
        var webhook = Enum.TryParse<TelegramMode>(configuration[$"{TelegramOptions.SectionName}:Mode"], ignoreCase: true, out var mode)
            && mode == TelegramMode.Webhook;
        if (webhook && !postgres)
        {
            services.AddOptions<TelegramOptions>().Validate(_ => false,
                "Telegram:Mode is Webhook, which needs the shared store: set Storage:Provider=Postgres and ConnectionStrings:Postgres.");
        }
        if (postgres)
        {
            // State shared by every replica (see PostgresDatabase, registered by AddStorage).
            services.TryAddSingleton<ReplicaIdentity>();
            services.AddSingleton(sp => new PostgresUpdateInbox(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ReplicaIdentity>(), sp.GetRequiredService<ILogger<PostgresUpdateInbox>>())
            {
                Lease = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.ClaimLeaseSeconds),
            });
            services.AddSingleton<IUpdateInbox>(sp => sp.GetRequiredService<PostgresUpdateInbox>());
            services.AddSingleton<IUpdateClaims>(sp => sp.GetRequiredService<PostgresUpdateInbox>());
            services.AddSingleton<IReplyLedger>(sp => sp.GetRequiredService<PostgresUpdateInbox>());
            services.AddSingleton<IButtonStore, PostgresButtonStore>();
            services.AddSingleton<ISentArticleStore, PostgresSentArticleStore>();
        }
        else
        {
            // State that survives a restart: state.db beside the index (see EmbeddedStateStore, registered by AddStorage).
            services.AddSingleton<IUpdateInbox, SqliteUpdateInbox>();
            services.AddSingleton<IReplyLedger, NoReplyLedger>();
            services.AddSingleton<IUpdateClaims, NoUpdateClaims>();
            services.AddSingleton<IButtonStore, SqliteButtonStore>();
            services.AddSingleton<ISentArticleStore, SqliteSentArticleStore>();
        }

        services.AddSingleton<BotIdentity>();
        services.AddSingleton<WorkerExit>();
        services.AddSingleton<PollingHealth>();
        services.AddSingleton<OutgoingLimiter>();
        services.AddSingleton<BotSender>();
        services.AddSingleton<CallbackTokens>();
        services.AddSingleton<RequestLimits>();
        if (postgres)
        {
            // Every replica counts in the same table, so round-robin behind nginx does not multiply a user's limit.
            services.AddSingleton<IRequestLimits, PostgresRequestLimits>();
        }
        else
        {
            services.AddSingleton<IRequestLimits>(sp => sp.GetRequiredService<RequestLimits>());
        }
        services.AddSubscriptions(configuration, postgres);
        services.AddSingleton<ChatGate>();
        services.AddSingleton<QuestionHandler>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ArticleListView>();
        services.AddSingleton<DigestView>();
        services.AddSingleton<CallbackHandler>();
        services.AddSingleton<DocumentHandler>();
        services.AddSingleton<LinkHandler>();
        services.AddSingleton<ChannelPostHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<UpdatePipeline>();
        services.AddSingleton<UpdateHandOff>();
        services.AddSingleton<ClaimKeeper>();
        var health = services.AddHealthChecks().AddCheck<IndexHealthCheck>("index");
        if (webhook && postgres)
        {
            services.AddSingleton<WebhookHealth>();
            services.AddSingleton<IUpdateSource, WebhookUpdates>();
            services.AddSingleton<WebhookEndpoint>();
            health.AddCheck<WebhookHealthCheck>("webhook");
        }
        else if (!webhook)
        {
            // Polling deletes a webhook left from webhook mode on start (see PollingUpdates).
            services.AddSingleton<IUpdateSource, PollingUpdates>();
            health.AddCheck<PollingHealthCheck>("polling");
        }
        if (!webhook || postgres)
        {
            services.AddHostedService<UpdateReceiver>();
        }
        // Old buttons, sent-message links, conversations, handled updates and request counts are deleted every few minutes.
        services.AddExpiringState(typeof(IButtonStore), typeof(ISentArticleStore), typeof(IUpdateInbox), typeof(IConversationStore), typeof(IRequestLimits));
        services.AddExpiredStateCleanup();
        if (postgres)
        {
            health.AddCheck<PostgresHealthCheck>("postgres");
        }
        return services;
    }

    /// <summary>What the user is told when Telegram:BotToken is missing (by the worker host and by the options validator).</summary>
    public const string MissingTokenMessage =
        "Telegram:BotToken is not set. Get a token from @BotFather and set the environment variable Telegram__BotToken "
        + "(or: dotnet user-secrets --project src/Bot set Telegram:BotToken <token>). "
        + "To try the bot without Telegram, run: dotnet run --project src/Bot -- chat";
}
