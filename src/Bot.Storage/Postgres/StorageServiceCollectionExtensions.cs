using Bot.Core.Conversations;
using Bot.Core.Corpus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Core.State.Postgres;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// <c>Storage:Provider</c>: nothing more for <c>Embedded</c>; for <c>Postgres</c> the shared database, the
    /// conversation and feedback stores in it, and articles written to it (the source of truth), uploads included (through the writer).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        if (!StorageOptions.IsPostgres(configuration))
        {
            return services;
        }
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<IndexedArticleWriter>();
        services.Replace(ServiceDescriptor.Singleton<IArticleWriter, PostgresArticleWriter>());
        services.Replace(ServiceDescriptor.Singleton<IConversationStore, PostgresConversationStore>());
        services.Replace(ServiceDescriptor.Singleton<IFeedbackStore, PostgresFeedbackStore>());
        services.Replace(ServiceDescriptor.Singleton<Sources.IFeedPollingLeader, PostgresFeedPollingLeader>());
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
