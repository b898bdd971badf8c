using Bot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Subscriptions;

internal static class SubscriptionServiceCollectionExtensions
{
    /// <summary>Subscriptions in the state store, the daily digest's scheduler and the keyword alerts.</summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration, bool postgres)
    {
        services.AddOptions<DigestScheduleOptions>().Bind(configuration.GetSection(DigestScheduleOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestScheduleOptions>, DigestScheduleOptionsValidator>());
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>());
        if (postgres)
        {
            services.AddSingleton<ISubscriptionStore, PostgresSubscriptionStore>();
        }
        else
        {
            services.AddSingleton<ISubscriptionStore, SqliteSubscriptionStore>();
        }
        services.AddExpiringState(typeof(ISubscriptionStore)); // old delivery claims (see ExpiredStateCleanup)
        services.AddSingleton<BroadcastPacer>();
        services.AddSingleton<SubscriptionSender>();
        services.AddSingleton<SubscriptionCommands>();
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        services.AddSingleton<KeywordAlertService>();
        services.AddHostedService(sp => sp.GetRequiredService<KeywordAlertService>());
        return services;
    }
}
