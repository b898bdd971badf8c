using Bot.Core.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Hosting;

/// <summary>When getUpdates last answered, and why the last attempt failed if it did.</summary>
internal sealed class PollingHealth
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastPoll;
    private string? _failure;

    public void Polled(DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastPoll = at;
            _failure = null;
        }
    }

    public void Failed(string reason)
    {
        lock (_lock)
        {
            _failure = reason;
        }
    }

    public (DateTimeOffset? LastPoll, string? Failure) Read()
    {
        lock (_lock)
        {
            return (_lastPoll, _failure);
        }
    }
}

/// <summary>Healthy while getUpdates keeps answering: the last poll succeeded, recently enough for a long poll.</summary>
internal sealed class PollingHealthCheck(PollingHealth polling, IOptions<TelegramOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (last, failure) = polling.Read();
        var allowed = TimeSpan.FromSeconds(options.Value.PollingTimeoutSeconds + 60);
        return Task.FromResult(
            last is null ? HealthCheckResult.Unhealthy(failure ?? "not polling yet")
            : failure is not null ? HealthCheckResult.Unhealthy($"getUpdates fails: {failure}")
            : clock.GetUtcNow() - last > allowed ? HealthCheckResult.Unhealthy($"no answer from getUpdates since {last:u}")
            : HealthCheckResult.Healthy($"last poll {last:u}"));
    }
}

/// <summary>Healthy while the article index opens and counts its articles.</summary>
internal sealed class IndexHealthCheck(IArticleCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{count} articles");
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // A health probe reports, never throws.
        {
            return HealthCheckResult.Unhealthy($"the index cannot be read: {ex.Message}");
        }
    }
}
