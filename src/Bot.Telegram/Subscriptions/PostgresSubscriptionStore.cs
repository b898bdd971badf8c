using System.Data.Common;
using Bot.Core.State.Postgres;

namespace Bot.Telegram.Subscriptions;

/// <summary>Subscriptions shared by every replica (migration 5); the same rules as <see cref="SqliteSubscriptionStore"/>.</summary>
internal sealed class PostgresSubscriptionStore(PostgresDatabase database, TimeProvider clock) : SqlSubscriptionStore(clock)
{
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override object Time(DateTimeOffset time) => time;

    protected override object Flag(bool value) => value;

    protected override bool ReadFlag(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);
}
