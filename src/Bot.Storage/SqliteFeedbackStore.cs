using Bot.Core.Conversations;

namespace Bot.Core.State;

/// <summary>👍/👎 votes with their question and answer in the embedded store; votes older than <see cref="KeptFor"/> are deleted.</summary>
internal sealed class SqliteFeedbackStore(EmbeddedStateStore state, TimeProvider clock) : IFeedbackStore
{
    internal static readonly TimeSpan KeptFor = TimeSpan.FromDays(365);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS feedback (
            conversation TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, helpful INTEGER NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS feedback_by_age ON feedback (at);
        """;

    public async Task AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO feedback (conversation, question, answer, helpful, at) VALUES ($c, $q, $a, $h, $at);
            DELETE FROM feedback WHERE at < $cutoff;
            """,
            cancellationToken, ("$c", feedback.Conversation.ToString()), ("$q", feedback.Question), ("$a", feedback.Answer),
            ("$h", feedback.Helpful ? 1 : 0), ("$at", feedback.At.ToUnixTimeMilliseconds()),
            ("$cutoff", (clock.GetUtcNow() - KeptFor).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    /// <summary>Every stored vote, oldest first (for export and tests).</summary>
    public async Task<IReadOnlyList<(string Conversation, string Question, bool Helpful)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT conversation, question, helpful FROM feedback ORDER BY at, rowid");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var votes = new List<(string, string, bool)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            votes.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1));
        }
        return votes;
    }
}
