using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Bot.Core.State;

/// <summary>
/// The worker's small embedded database (<c>state.db</c> under <c>Index:Path</c>, SQLite in WAL mode). It only opens
/// connections and creates each caller's tables once; every store owns its own tables and queries. A store behind
/// the same interface uses PostgreSQL instead when replicas share state (<c>Storage:Provider=Postgres</c>).
/// </summary>
public sealed class EmbeddedStateStore(string filePath, TimeSpan? lockWait = null)
{
    public const string FileName = "state.db";

    /// <summary>How long a write waits for another writer's lock before it fails («database is locked»).</summary>
    private readonly int _lockWaitMs = (int)(lockWait ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _schemas = new();

    public string FilePath { get; } = Path.GetFullPath(filePath);

    /// <summary>
    /// An open connection whose tables (<paramref name="schema"/>: idempotent DDL) exist. Dispose it after use.
    /// <paramref name="durable"/>: its commits survive a power cut too (one more disk flush each), for writes that
    /// nothing else can redo; otherwise a commit survives a crash of the process.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(string schema, CancellationToken cancellationToken, bool durable = false)
    {
        await _schemas.GetOrAdd(schema, s => new Lazy<Task>(() => CreateAsync(s))).Value.ConfigureAwait(false);
        return await ConnectAsync(durable, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateAsync(string schema)
    {
        await using var connection = await ConnectAsync(durable: true, CancellationToken.None).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + schema;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<SqliteConnection> ConnectAsync(bool durable, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Microsoft.Data.Sqlite retries a locked database for this long (whole seconds) besides SQLite's busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_lockWaitMs / 1000.0)),
            Pooling = true,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // Several stores write from several threads: wait for the lock instead of failing with SQLITE_BUSY.
            // Set on every open: pooled connections keep pragmas from their previous user.
            pragma.CommandText = $"PRAGMA busy_timeout={_lockWaitMs}; PRAGMA synchronous={(durable ? "FULL" : "NORMAL")};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
