using Bot.Core.Conversations;

namespace Bot.Core.State;

/// <summary>
/// Conversation memory in the embedded store, so a follow-up question after a restart still has its context: the
/// last <see cref="InMemoryConversationStore.MaxTurns"/> turns per conversation; a conversation idle for longer than
/// <see cref="InMemoryConversationStore.IdleLifetime"/> is forgotten (and its rows deleted).
/// </summary>
internal sealed class SqliteConversationStore(EmbeddedStateStore state, TimeProvider clock) : IConversationStore, IExpiringState
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            conversation TEXT NOT NULL, at INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS conversation_turns_by_key ON conversation_turns (conversation, at);
        CREATE INDEX IF NOT EXISTS conversation_turns_by_age ON conversation_turns (at);
        """;

    public async Task<IReadOnlyList<ConversationTurn>> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT question, answer, at FROM conversation_turns WHERE conversation = $key ORDER BY at DESC, rowid DESC LIMIT $n",
            ("$key", key.ToString()), ("$n", InMemoryConversationStore.MaxTurns));
        var turns = new List<ConversationTurn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            turns.Add(new ConversationTurn(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }
        if (turns.Count == 0 || turns[0].At + InMemoryConversationStore.IdleLifetime < clock.GetUtcNow())
        {
            return [];
        }
        turns.Reverse();
        return turns;
    }

    public async Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO conversation_turns (conversation, at, question, answer) VALUES ($key, $at, $q, $a);
            DELETE FROM conversation_turns WHERE conversation = $key AND rowid NOT IN
                (SELECT rowid FROM conversation_turns WHERE conversation = $key ORDER BY at DESC, rowid DESC LIMIT $n);
            """,
            cancellationToken, ("$key", key.ToString()), ("$at", now.ToUnixTimeMilliseconds()), ("$q", turn.Question), ("$a", turn.Answer),
            ("$n", InMemoryConversationStore.MaxTurns)).ConfigureAwait(false);
    }

    public async Task ResetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM conversation_turns WHERE conversation = $key", cancellationToken, ("$key", key.ToString()))
            .ConfigureAwait(false);
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM conversation_turns WHERE at < $cutoff", cancellationToken,
            ("$cutoff", (clock.GetUtcNow() - InMemoryConversationStore.IdleLifetime).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }
}
