using Bot.Core.Sources;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Core.State.Postgres;

/// <summary>
/// One replica polls the feeds for all of them: the one holding a session advisory lock on its own connection. The
/// lock lives as long as that connection, so when the replica stops or dies PostgreSQL releases it and another
/// replica takes the turn at its next pass (within a minute). The others would only fetch the same items again.
/// </summary>
internal sealed partial class PostgresFeedPollingLeader(PostgresDatabase database, ILogger<PostgresFeedPollingLeader> logger)
    : IFeedPollingLeader, IAsyncDisposable
{
    /// <summary>The advisory lock key: «feed» in ASCII (the migrations take another).</summary>
    internal const long LockKey = 0x66_65_65_64;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _holding;

    public async Task<bool> HoldsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_holding is not null)
            {
                try
                {
                    await _holding.ExecuteAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    LogLost(ex.Message);
                    await ReleaseAsync().ConfigureAwait(false);
                }
            }

            var connection = await database.OpenListenerAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var take = connection.Command("SELECT pg_try_advisory_lock(@k)", ("k", LockKey));
                if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    _holding = connection;
                    LogTaken();
                    return true;
                }
            }
            finally
            {
                if (_holding != connection)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task ReleaseAsync()
    {
        if (_holding is { } connection)
        {
            _holding = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica polls the feeds for all replicas")]
    private partial void LogTaken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the feed-polling turn ({Reason}); another replica may take it")]
    private partial void LogLost(string reason);
}
