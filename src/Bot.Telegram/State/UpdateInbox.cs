using System.Text.Json;
using Bot.Core.State;
using Microsoft.Data.Sqlite;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.State;

/// <summary>
/// Where received updates wait until they are handled, with the highest update id received. Accepting a batch stores
/// the updates and the new offset in one transaction, so the offset confirmed to Telegram can move past updates that
/// are still waiting or running (the bot never goes deaf behind a slow answer) and none is lost or answered twice
/// across a restart. SQLite for one worker (<see cref="SqliteUpdateInbox"/>), PostgreSQL for replicas (<c>PostgresUpdateInbox</c>).
/// </summary>
internal interface IUpdateInbox
{
    /// <summary>
    /// The saved offset and every update received but not yet handled, oldest first; with the shared store only those
    /// no live owner holds (their lease ran out or was given back), now claimed by this process.
    /// </summary>
    Task<InboxSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores fresh updates and raises the offset to the highest of them, atomically.</summary>
    Task AcceptAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken);

    /// <summary>The update is handled: it is never run again.</summary>
    Task CompleteAsync(int updateId, CancellationToken cancellationToken);
}

/// <summary>The highest update id received and when it was saved (null before the first), and the updates still to handle.</summary>
internal sealed record InboxSnapshot(long? LastReceivedUpdateId, DateTimeOffset? SavedAt, IReadOnlyList<Update> Pending);

/// <summary>The inbox in the embedded store (<c>state.db</c>): tables <c>telegram_offset</c> (one row) and <c>telegram_inbox</c>.</summary>
internal sealed class SqliteUpdateInbox(EmbeddedStateStore state, TimeProvider clock) : IUpdateInbox
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telegram_offset (id INTEGER PRIMARY KEY CHECK (id = 1), last_received INTEGER NOT NULL, saved_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS telegram_inbox (update_id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL);
        """;

    private const string SaveOffset = """
        INSERT INTO telegram_offset (id, last_received, saved_at) VALUES (1, $last, $at)
        ON CONFLICT (id) DO UPDATE SET last_received = excluded.last_received, saved_at = excluded.saved_at
        """;

    public async Task<InboxSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        long? last = null;
        DateTimeOffset? savedAt = null;
        await using (var command = connection.Command("SELECT last_received, saved_at FROM telegram_offset WHERE id = 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                last = reader.GetInt64(0);
                savedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            }
        }
        if (last is null && await ReadLegacyOffsetAsync(cancellationToken).ConfigureAwait(false) is { } legacy)
        {
            (last, savedAt) = (legacy.Id, legacy.SavedAt);
            await SaveOffsetAsync(legacy.Id, legacy.SavedAt, cancellationToken).ConfigureAwait(false);
        }
        var pending = new List<Update>();
        await using (var command = connection.Command("SELECT body FROM telegram_inbox ORDER BY update_id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (JsonSerializer.Deserialize<Update>(reader.GetString(0), JsonBotAPI.Options) is { } update)
                {
                    pending.Add(update);
                }
            }
        }
        return new InboxSnapshot(last, savedAt, pending);
    }

    public async Task AcceptAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Durable: Telegram is told to forget these updates right after, so this copy must survive a power cut.
        await using var connection = await state.OpenAsync(Schema, cancellationToken, durable: true).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var update in updates)
        {
            await using var insert = connection.Command(
                "INSERT OR IGNORE INTO telegram_inbox (update_id, received_at, body) VALUES ($id, $at, $body)",
                ("$id", update.Id), ("$at", now), ("$body", JsonSerializer.Serialize(update, JsonBotAPI.Options)));
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var offset = connection.Command(SaveOffset, ("$last", updates.Max(u => (long)u.Id)), ("$at", now)))
        {
            offset.Transaction = transaction;
            await offset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(int updateId, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_inbox WHERE update_id = $id", cancellationToken, ("$id", updateId)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>telegram-offset.txt</c> beside <c>state.db</c>, written by versions before the inbox (the last handled id,
    /// dated by the file's time): taken over once so an upgrade answers nothing twice.
    /// </summary>
    private async Task<(long Id, DateTimeOffset SavedAt)?> ReadLegacyOffsetAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetDirectoryName(state.FilePath)!, "telegram-offset.txt");
        if (!File.Exists(file))
        {
            return null;
        }
        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        return long.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? (id, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero))
            : null;
    }

    /// <summary>Saves an offset as if received at <paramref name="savedAt"/> (tests of a stale offset).</summary>
    internal async Task SaveOffsetAsync(long lastReceived, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(SaveOffset, cancellationToken, ("$last", lastReceived), ("$at", savedAt.ToUnixTimeMilliseconds()))
            .ConfigureAwait(false);
    }
}
