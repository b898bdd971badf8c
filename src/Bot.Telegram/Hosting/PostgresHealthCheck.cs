using Bot.Core.State;
using Bot.Core.State.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bot.Telegram.Hosting;

/// <summary>Healthy while the shared PostgreSQL answers (and its schema is migrated).</summary>
internal sealed class PostgresHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException) // A probe reports, never throws.
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL: {ex.Message}");
        }
    }
}
