using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Core.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Feeds, links and channel posts → articles through <see cref="Corpus.IArticleWriter"/> (no polling loop).</summary>
    public static IServiceCollection AddArticleSources(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(SourceFetcher)))
        {
            return services; // Registered already: a second named client would stack a second retry handler.
        }
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SourceFetcher.ClientName, (sp, http) =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // SourceFetcher bounds each fetch, retries included.
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<SourcesOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => SourceFetcher.CreateHandler(sp.GetRequiredService<IOptions<SourcesOptions>>().Value))
            .AddResilienceHandler("sources-retry", retry => retry.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(SourceFetcher.IsTransient(args.Outcome)),
            }));
        services.TryAddSingleton<SourceFetcher>();
        services.TryAddSingleton<WebArticleReader>();
        services.TryAddSingleton<FeedStateStore>();
        services.TryAddSingleton<FeedPoller>();
        services.TryAddSingleton<IFeedIngestion, FeedIngestion>();
        services.TryAddSingleton<IArticleIntake, ArticleIntake>();
        services.TryAddSingleton<IFeedPollingLeader, SingleProcessLeader>();
        return services;
    }

    /// <summary>Polls the configured feeds on their schedules; for long-running hosts such as the Telegram worker.</summary>
    public static IServiceCollection AddFeedPolling(this IServiceCollection services)
    {
        services.AddHostedService<FeedPollingService>();
        return services;
    }
}
