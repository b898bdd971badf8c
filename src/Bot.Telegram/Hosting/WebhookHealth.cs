using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Telegram.Hosting;

/// <summary>Whether the webhook is registered and the claims sweep works.</summary>
internal sealed class WebhookHealth
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _registered;
    private string? _failure;
    private bool _stopping;

    public bool Ready
    {
        get
        {
            lock (_lock)
            {
                return _registered is not null && !_stopping;
            }
        }
    }

    public void Registered(DateTimeOffset at)
    {
        lock (_lock)
        {
            _registered = at;
            _failure = null;
        }
    }

    public void Swept()
    {
        lock (_lock)
        {
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

    public void Stopping()
    {
        lock (_lock)
        {
            _stopping = true;
        }
    }

    public (bool Ready, string? Failure) Read()
    {
        lock (_lock)
        {
            return (_registered is not null && !_stopping, _failure);
        }
    }
}

/// <summary>Ready while the webhook is registered, the replica is not stopping and the database answered last time.</summary>
internal sealed class WebhookHealthCheck(WebhookHealth webhook) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (ready, failure) = webhook.Read();
        return Task.FromResult(
            !ready ? HealthCheckResult.Unhealthy(failure ?? "webhook not registered yet, or stopping")
            : failure is not null ? HealthCheckResult.Unhealthy(failure)
            : HealthCheckResult.Healthy("webhook registered"));
    }
}
