using System.Data.Common;
using Bot.Core.State;

namespace Bot.Telegram.Subscriptions;

/// <summary>Subscriptions in the embedded store (one worker); times in Unix milliseconds.</summary>
internal sealed class SqliteSubscriptionStore(EmbeddedStateStore state, TimeProvider clock) : SqlSubscriptionStore(clock)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS subscriptions (
            chat_id INTEGER NOT NULL, keywords TEXT NOT NULL, time_zone TEXT NOT NULL, is_group INTEGER NOT NULL,
            created_at INTEGER NOT NULL, PRIMARY KEY (chat_id, keywords));
        CREATE TABLE IF NOT EXISTS subscription_deliveries (
            chat_id INTEGER NOT NULL, item TEXT NOT NULL, claimed_until INTEGER NOT NULL, sent_at INTEGER,
            PRIMARY KEY (chat_id, item));
        CREATE INDEX IF NOT EXISTS subscription_deliveries_by_age ON subscription_deliveries (claimed_until);
        """;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await state.OpenAsync(Schema, cancellationToken).ConfigureAwait(false);

    protected override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    protected override object Flag(bool value) => value ? 1 : 0;

    protected override bool ReadFlag(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) == 1;
}
