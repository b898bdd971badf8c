using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Core.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Feeds, links and channel posts → articles through <see cref="Corpus.IArticleWriter"/> (no polling loop).</summary>
    public static IServiceCollection AddArticleSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SourceFetcher>();
        services.TryAddSingleton<WebArticleReader>();
        services.TryAddSingleton<FeedStateStore>();
        services.TryAddSingleton<FeedPoller>();
        services.TryAddSingleton<IFeedIngestion, FeedIngestion>();
        services.TryAddSingleton<IArticleIntake, ArticleIntake>();
        return services;
    }

    /// <summary>Polls the configured feeds on their schedules; for long-running hosts such as the Telegram worker.</summary>
    public static IServiceCollection AddFeedPolling(this IServiceCollection services)
    {
        services.AddHostedService<FeedPollingService>();
        return services;
    }
}
