using Bot.Core.State;

namespace Bot.Telegram.State;

/// <summary>What the bot's buttons stand for, under their short callback tokens (serialised actions).</summary>
internal interface IButtonStore
{
    Task SaveAsync(IReadOnlyList<KeyValuePair<string, string>> buttons, CancellationToken cancellationToken);

    Task<string?> FindAsync(string token, CancellationToken cancellationToken);
}

/// <summary>Which article each of the bot's summary and source messages is about.</summary>
internal interface ISentArticleStore
{
    Task RememberAsync(long chatId, int messageId, string articleId, CancellationToken cancellationToken);

    Task<string?> FindAsync(long chatId, int messageId, CancellationToken cancellationToken);
}

/// <summary>Buttons in the embedded store; a button older than <see cref="KeptFor"/> answers «expired».</summary>
internal sealed class SqliteButtonStore(EmbeddedStateStore state, TimeProvider clock) : IButtonStore, IExpiringState
{
    internal static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telegram_buttons (token TEXT PRIMARY KEY, action TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS telegram_buttons_by_age ON telegram_buttons (created_at);
        """;

    public async Task SaveAsync(IReadOnlyList<KeyValuePair<string, string>> buttons, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (token, action) in buttons)
        {
            await using var insert = connection.Command(
                "INSERT OR REPLACE INTO telegram_buttons (token, action, created_at) VALUES ($t, $a, $at)",
                ("$t", token), ("$a", action), ("$at", now.ToUnixTimeMilliseconds()));
            insert.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT action FROM telegram_buttons WHERE token = $t AND created_at >= $cutoff",
            ("$t", token), ("$cutoff", (clock.GetUtcNow() - KeptFor).ToUnixTimeMilliseconds()));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_buttons WHERE created_at < $cutoff", cancellationToken,
            ("$cutoff", (clock.GetUtcNow() - KeptFor).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }
}

/// <summary>The message → article map in the embedded store, kept for <see cref="KeptFor"/>.</summary>
internal sealed class SqliteSentArticleStore(EmbeddedStateStore state, TimeProvider clock) : ISentArticleStore, IExpiringState
{
    internal static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telegram_sent_articles (
            chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, article_id TEXT NOT NULL, sent_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id));
        CREATE INDEX IF NOT EXISTS telegram_sent_articles_by_age ON telegram_sent_articles (sent_at);
        """;

    public async Task RememberAsync(long chatId, int messageId, string articleId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT OR REPLACE INTO telegram_sent_articles (chat_id, message_id, article_id, sent_at) VALUES ($c, $m, $a, $at)",
            cancellationToken, ("$c", chatId), ("$m", messageId), ("$a", articleId), ("$at", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT article_id FROM telegram_sent_articles WHERE chat_id = $c AND message_id = $m", ("$c", chatId), ("$m", messageId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_sent_articles WHERE sent_at < $cutoff", cancellationToken,
            ("$cutoff", (clock.GetUtcNow() - KeptFor).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }
}
