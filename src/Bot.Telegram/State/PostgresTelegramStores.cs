using Bot.Core.State;
using Bot.Core.State.Postgres;

namespace Bot.Telegram.State;

/// <summary>Buttons shared by every replica (a press may reach any of them); same lifetime as <see cref="SqliteButtonStore"/>.</summary>
internal sealed class PostgresButtonStore(PostgresDatabase database, TimeProvider clock) : IButtonStore, IExpiringState
{
    public async Task SaveAsync(IReadOnlyList<KeyValuePair<string, string>> buttons, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO telegram_buttons (token, action, created_at) SELECT t, a, @at FROM unnest(@tokens, @actions) AS b(t, a)
            ON CONFLICT (token) DO UPDATE SET action = excluded.action, created_at = excluded.created_at
            """,
            cancellationToken, ("tokens", buttons.Select(b => b.Key).ToArray()), ("actions", buttons.Select(b => b.Value).ToArray()), ("at", now))
            .ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT action FROM telegram_buttons WHERE token = @t AND created_at >= @cutoff",
            ("t", token), ("cutoff", clock.GetUtcNow() - SqliteButtonStore.KeptFor));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_buttons WHERE created_at < @cutoff", cancellationToken,
            ("cutoff", clock.GetUtcNow() - SqliteButtonStore.KeptFor)).ConfigureAwait(false);
    }
}

/// <summary>The message → article map shared by every replica, kept for <see cref="SqliteSentArticleStore.KeptFor"/>.</summary>
internal sealed class PostgresSentArticleStore(PostgresDatabase database, TimeProvider clock) : ISentArticleStore, IExpiringState
{
    public async Task RememberAsync(long chatId, int messageId, string articleId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO telegram_sent_articles (chat_id, message_id, article_id, sent_at) VALUES (@c, @m, @a, @at)
            ON CONFLICT (chat_id, message_id) DO UPDATE SET article_id = excluded.article_id, sent_at = excluded.sent_at
            """,
            cancellationToken, ("c", chatId), ("m", messageId), ("a", articleId), ("at", now)).ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT article_id FROM telegram_sent_articles WHERE chat_id = @c AND message_id = @m", ("c", chatId), ("m", messageId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_sent_articles WHERE sent_at < @cutoff", cancellationToken,
            ("cutoff", clock.GetUtcNow() - SqliteSentArticleStore.KeptFor)).ConfigureAwait(false);
    }
}
