using Bot.Core.Conversations;

namespace Bot.Core.State.Postgres;

/// <summary>Conversation memory shared by every replica: the same rules as <see cref="SqliteConversationStore"/>.</summary>
internal sealed class PostgresConversationStore(PostgresDatabase database, TimeProvider clock) : IConversationStore, IExpiringState
{
    public async Task<IReadOnlyList<ConversationTurn>> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT question, answer, at FROM conversation_turns WHERE conversation = @key ORDER BY at DESC, id DESC LIMIT @n",
            ("key", key.ToString()), ("n", InMemoryConversationStore.MaxTurns));
        var turns = new List<ConversationTurn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            turns.Add(new ConversationTurn(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
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
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO conversation_turns (conversation, at, question, answer) VALUES (@key, @at, @q, @a);
            DELETE FROM conversation_turns WHERE conversation = @key AND id NOT IN
                (SELECT id FROM conversation_turns WHERE conversation = @key ORDER BY at DESC, id DESC LIMIT @n);
            """,
            cancellationToken, ("key", key.ToString()), ("at", now), ("q", turn.Question), ("a", turn.Answer),
            ("n", InMemoryConversationStore.MaxTurns)).ConfigureAwait(false);
    }

    public async Task ResetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM conversation_turns WHERE conversation = @key", cancellationToken, ("key", key.ToString()))
            .ConfigureAwait(false);
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM conversation_turns WHERE at < @cutoff", cancellationToken,
            ("cutoff", clock.GetUtcNow() - InMemoryConversationStore.IdleLifetime)).ConfigureAwait(false);
    }
}
