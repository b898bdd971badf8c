using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.State;

/// <summary>State whose old rows are deleted now and then (buttons, sent messages, conversations, handled updates).</summary>
public interface IExpiringState
{
    /// <summary>Deletes what is older than the store keeps.</summary>
    Task PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>A service whose implementation may be <see cref="IExpiringState"/> (which one depends on the storage mode).</summary>
internal sealed record ExpiringStateService(Type ServiceType);

/// <summary>
/// Deletes expired state on start and then every <see cref="Interval"/>, for every registered
/// <see cref="ExpiringStateService"/> whose implementation expires anything. A store that fails is logged and
/// tried again next time; the others still run.
/// </summary>
internal sealed partial class ExpiredStateCleanup(
    IServiceProvider services, IEnumerable<ExpiringStateService> registered, TimeProvider clock, ILogger<ExpiredStateCleanup> logger) : BackgroundService
{
    /// <summary>Often enough that nothing grows for long, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stores = registered.Select(r => r.ServiceType).Distinct()
            .Select(services.GetService).OfType<IExpiringState>().Distinct().ToList();
        if (stores.Count == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            foreach (var store in stores)
            {
                try
                {
                    await store.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException) // A state database that fails now may answer next time.
                {
                    LogPurgeFailed(ex, store.GetType().Name);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired rows of {Store} failed; trying again later")]
    private partial void LogPurgeFailed(Exception exception, string store);
}

public static class ExpiredStateCleanupExtensions
{
    /// <summary>Marks services whose implementations may expire state; the cleanup runs where <see cref="AddExpiredStateCleanup"/> was called.</summary>
    public static IServiceCollection AddExpiringState(this IServiceCollection services, params Type[] serviceTypes)
    {
        foreach (var type in serviceTypes)
        {
            services.AddSingleton(new ExpiringStateService(type));
        }
        return services;
    }

    /// <summary>The periodic cleanup; for long-running hosts such as the Telegram worker.</summary>
    public static IServiceCollection AddExpiredStateCleanup(this IServiceCollection services)
    {
        services.AddHostedService<ExpiredStateCleanup>();
        return services;
    }
}
