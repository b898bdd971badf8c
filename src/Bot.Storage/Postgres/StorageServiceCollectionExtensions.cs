using Bot.Core.Conversations;
using Bot.Core.Corpus;
using Bot.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Core.State.Postgres;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// <c>Storage:Provider</c> chooses every shared store here, once: for <c>Postgres</c> the shared database holds
    /// conversations, feedback and the articles (the source of truth, uploads included) and elects the feed poller;
    /// for <c>Embedded</c> conversations and feedback live in <c>state.db</c> beside the index and articles are written
    /// to the corpus folder. Call it before the other <c>Add…</c> methods: they only <c>TryAdd</c> in-process defaults.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        if (StorageOptions.IsPostgres(configuration))
        {
            services.TryAddSingleton<PostgresDatabase>();
            services.TryAddSingleton<IndexedArticleWriter>();
            services.TryAddSingleton<IArticleWriter, PostgresArticleWriter>();
            services.TryAddSingleton<IConversationStore, PostgresConversationStore>();
            services.TryAddSingleton<IFeedbackStore, PostgresFeedbackStore>();
            services.TryAddSingleton<Sources.IFeedPollingLeader, PostgresFeedPollingLeader>();
        }
        else
        {
            // One process: the Sources' single-process feed poller stands.
            services.TryAddSingleton(sp => new EmbeddedStateStore(Path.Combine(sp.GetRequiredService<IndexLocation>().Folder, EmbeddedStateStore.FileName)));
            services.TryAddSingleton<IArticleWriter, IndexedArticleWriter>();
            services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
            services.TryAddSingleton<IFeedbackStore, SqliteFeedbackStore>();
        }
        return services;
    }

    /// <summary>
    /// For long-running hosts with <c>Storage:Provider=Postgres</c>: migrates the schema on start (a failure stops the
    /// start with its cause) and follows the articles table into the local index.
    /// </summary>
    public static IServiceCollection AddArticleFeed(this IServiceCollection services, IConfiguration configuration)
    {
        if (StorageOptions.IsPostgres(configuration))
        {
            services.AddHostedService<PostgresMigrator>();
            services.AddSingleton<PostgresArticleFeed>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresArticleFeed>());
        }
        return services;
    }
}

/// <summary>Brings the schema up to date before the other hosted services start.</summary>
internal sealed class PostgresMigrator(PostgresDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
