using System.Data.Common;
using System.Text.Json;
using Bot.Core.State;
using Bot.Core.State.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.State;

/// <summary>
/// Claims on updates, for webhook mode with several replicas: an update is handled by the replica that claims it
/// first (a unique key on its id), every other delivery of it gets nothing to do. A claim is a lease: the replica
/// renews it while it works, and when a replica dies its unfinished claims expire and another replica takes them over.
/// </summary>
internal interface IUpdateClaims
{
    /// <summary>True when this replica now owns the update; false when it was already claimed (by anyone).</summary>
    Task<bool> TryClaimAsync(Update update, CancellationToken cancellationToken);

    /// <summary>Extends this replica's unfinished claims.</summary>
    Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>Takes over (at most <paramref name="limit"/>) unfinished updates whose lease has run out, oldest first.</summary>
    Task<IReadOnlyList<Update>> TakeOverExpiredAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Gives back this replica's claims not yet done (on shutdown), so another replica takes them at once.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The inbox and the claims in PostgreSQL (<c>telegram_updates</c>, <c>telegram_offset</c>). A handled update keeps
/// its row (with <c>done_at</c>) for a day, longer than Telegram retries a delivery, so a late re-delivery still
/// finds it claimed.
/// </summary>
internal sealed partial class PostgresUpdateInbox(
    PostgresDatabase database, TimeProvider clock, ReplicaIdentity replica, ILogger<PostgresUpdateInbox> logger) : IUpdateInbox, IUpdateClaims, IReplyLedger, IExpiringState
{
    internal static readonly TimeSpan KeptFor = TimeSpan.FromHours(25);

    /// <summary>How long a claim holds without renewal (tests shorten it).</summary>
    internal TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public async Task<InboxSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long? last = null;
        DateTimeOffset? savedAt = null;
        await using (var command = connection.Command("SELECT last_received, saved_at FROM telegram_offset WHERE id = 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                last = reader.GetInt64(0);
                savedAt = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }
        // Only what no live owner holds: while an old process is still stopping (the overlap ConflictGraceSeconds
        // tolerates) its running updates keep their lease, and it answers them itself.
        return new InboxSnapshot(last, savedAt, await TakeOverExpiredAsync(int.MaxValue, cancellationToken).ConfigureAwait(false));
    }

    public async Task AcceptAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO telegram_updates (update_id, body, received_at, claimed_by, claimed_until, chat_id, message_id)
            SELECT id, body, @at, @me, @until, chat, message FROM unnest(@ids, @bodies, @chats, @messages) AS u(id, body, chat, message)
            ON CONFLICT (update_id) DO NOTHING;
            INSERT INTO telegram_offset (id, last_received, saved_at) VALUES (1, @last, @at)
            ON CONFLICT (id) DO UPDATE SET last_received = excluded.last_received, saved_at = excluded.saved_at;
            """,
            cancellationToken, ("ids", updates.Select(u => (long)u.Id).ToArray()),
            ("bodies", updates.Select(u => JsonSerializer.Serialize(u, JsonBotAPI.Options)).ToArray()),
            ("chats", updates.Select(u => u.Message?.Chat.Id).ToArray()), ("messages", updates.Select(u => u.Message?.Id).ToArray()),
            ("at", now), ("me", replica.Id), ("until", now + Lease), ("last", updates.Max(u => (long)u.Id))).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(int updateId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE telegram_updates SET done_at = @now WHERE update_id = @id", cancellationToken,
            ("now", now), ("id", (long)updateId)).ConfigureAwait(false);
    }

    public async Task<bool> TryClaimAsync(Update update, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO telegram_updates (update_id, body, received_at, claimed_by, claimed_until, chat_id, message_id)
            VALUES (@id, @body, @at, @me, @until, @chat, @message)
            ON CONFLICT (update_id) DO NOTHING
            """,
            cancellationToken, ("id", (long)update.Id), ("body", JsonSerializer.Serialize(update, JsonBotAPI.Options)),
            ("chat", update.Message?.Chat.Id), ("message", update.Message?.Id),
            ("at", now), ("me", replica.Id), ("until", now + Lease)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE telegram_updates SET claimed_until = @until WHERE claimed_by = @me AND done_at IS NULL",
            cancellationToken, ("until", clock.GetUtcNow() + Lease), ("me", replica.Id)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Update>> TakeOverExpiredAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Replied to before their replica died: the answer is out, only the bookkeeping after it was lost.
        await connection.ExecuteAsync(
            "UPDATE telegram_updates SET done_at = @now WHERE done_at IS NULL AND replied_at IS NOT NULL AND claimed_until < @now",
            cancellationToken, ("now", now)).ConfigureAwait(false);
        // SKIP LOCKED: two replicas sweeping at once take different updates, never the same one.
        await using var command = connection.Command(
            """
            UPDATE telegram_updates SET claimed_by = @me, claimed_until = @until WHERE update_id IN (
                SELECT update_id FROM telegram_updates WHERE done_at IS NULL AND replied_at IS NULL AND claimed_until < @now
                ORDER BY update_id LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING update_id, body
            """,
            ("me", replica.Id), ("until", now + Lease), ("now", now), ("limit", limit));
        return await ReadUpdatesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task RepliedAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "UPDATE telegram_updates SET replied_at = @now WHERE chat_id = @chat AND message_id = @message AND done_at IS NULL",
                cancellationToken, ("now", clock.GetUtcNow()), ("chat", chatId), ("message", messageId)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogReplyNotNoted(ex, chatId, messageId);
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE telegram_updates SET claimed_until = @now WHERE claimed_by = @me AND done_at IS NULL",
            cancellationToken, ("now", clock.GetUtcNow()), ("me", replica.Id)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply to message {MessageId} in chat {ChatId} could not be noted; a replica taking the update over may answer it again")]
    private partial void LogReplyNotNoted(Exception exception, long chatId, int messageId);

    private static async Task<IReadOnlyList<Update>> ReadUpdatesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var updates = new List<Update>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize<Update>(reader.GetString(1), JsonBotAPI.Options) is { } update)
            {
                updates.Add(update);
            }
        }
        return updates.OrderBy(u => u.Id).ToList();
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_updates WHERE done_at IS NOT NULL AND received_at < @cutoff", cancellationToken,
            ("cutoff", clock.GetUtcNow() - KeptFor)).ConfigureAwait(false);
    }
}

/// <summary>This process's name in claims: host, process id and a random part (a restarted replica is a new one).</summary>
internal sealed class ReplicaIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
