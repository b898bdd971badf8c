using Bot.Core.Conversations;

namespace Bot.Core.State.Postgres;

/// <summary>👍/👎 votes of every replica in one table; votes older than <see cref="SqliteFeedbackStore.KeptFor"/> are deleted.</summary>
internal sealed class PostgresFeedbackStore(PostgresDatabase database, TimeProvider clock) : IFeedbackStore
{
    public async Task AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO feedback (conversation, question, answer, helpful, at) VALUES (@c, @q, @a, @h, @at);
            DELETE FROM feedback WHERE at < @cutoff;
            """,
            cancellationToken, ("c", feedback.Conversation.ToString()), ("q", feedback.Question), ("a", feedback.Answer),
            ("h", feedback.Helpful), ("at", feedback.At), ("cutoff", clock.GetUtcNow() - SqliteFeedbackStore.KeptFor)).ConfigureAwait(false);
    }

    /// <summary>Every stored vote, oldest first (for export and tests).</summary>
    public async Task<IReadOnlyList<(string Conversation, string Question, bool Helpful)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT conversation, question, helpful FROM feedback ORDER BY at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var votes = new List<(string, string, bool)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            votes.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        return votes;
    }
}
