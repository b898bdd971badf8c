using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Core.State.Postgres;

/// <summary>
/// The shared PostgreSQL database of every replica: one pooled <see cref="NpgsqlDataSource"/>, and the schema brought
/// up to date (<see cref="PostgresMigrations"/>) before the first connection is handed out.
/// </summary>
public sealed partial class PostgresDatabase(IOptions<StorageOptions> options, ILogger<PostgresDatabase> logger) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(options.Value.ConnectionString!));
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    /// <summary>An open connection to a migrated database. Dispose it after use.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await _source.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connection outside the pool's reset rules, for LISTEN (kept open by its owner).</summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { Pooling = false, KeepAlive = 15 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Applies the missing migrations once per process (retried on the next call after a failure).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }
        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await using var connection = await _source.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var applied = await PostgresMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    LogMigrated(string.Join(", ", applied));
                }
                _migrated = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated)
        {
            await _source.Value.DisposeAsync().ConfigureAwait(false);
        }
        _migrating.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema migrated: {Migrations}")]
    private partial void LogMigrated(string migrations);
}
