using System.Data.Common;
using Bot.Core.State;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// The subscription rules once, in SQL both stores speak (named <c>@</c> parameters, <c>ON CONFLICT</c>,
/// <c>RETURNING</c>); a store supplies its connection and how it keeps times and flags.
/// </summary>
internal abstract class SqlSubscriptionStore(TimeProvider clock) : ISubscriptionStore, IExpiringState
{
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A time as the store keeps it.</summary>
    protected abstract object Time(DateTimeOffset time);

    /// <summary>A yes/no as the store keeps it.</summary>
    protected abstract object Flag(bool value);

    protected abstract bool ReadFlag(DbDataReader reader, int ordinal);

    public async Task<bool> AddAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var added = await connection.ExecuteAsync(
            """
            INSERT INTO subscriptions (chat_id, keywords, time_zone, is_group, created_at) VALUES (@c, @k, @tz, @g, @at)
            ON CONFLICT (chat_id, keywords) DO NOTHING
            """,
            cancellationToken, ("@c", subscription.ChatId), ("@k", subscription.Keywords), ("@tz", subscription.TimeZone),
            ("@g", Flag(subscription.IsGroup)), ("@at", Time(clock.GetUtcNow()))).ConfigureAwait(false);
        if (added == 0)
        {
            await connection.ExecuteAsync("UPDATE subscriptions SET time_zone = @tz WHERE chat_id = @c AND keywords = @k", cancellationToken,
                ("@c", subscription.ChatId), ("@k", subscription.Keywords), ("@tz", subscription.TimeZone)).ConfigureAwait(false);
        }
        return added > 0;
    }

    public async Task<int> RemoveAsync(long chatId, string? keywords, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return keywords is null
            ? await connection.ExecuteAsync("DELETE FROM subscriptions WHERE chat_id = @c", cancellationToken, ("@c", chatId)).ConfigureAwait(false)
            : await connection.ExecuteAsync("DELETE FROM subscriptions WHERE chat_id = @c AND keywords = @k", cancellationToken,
                ("@c", chatId), ("@k", keywords)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Subscription>> OfChatAsync(long chatId, CancellationToken cancellationToken) => ReadAsync(
        "SELECT chat_id, keywords, time_zone, is_group FROM subscriptions WHERE chat_id = @c ORDER BY created_at, keywords",
        cancellationToken, ("@c", chatId));

    public Task<IReadOnlyList<Subscription>> KeywordSubscriptionsAsync(CancellationToken cancellationToken) => ReadAsync(
        "SELECT chat_id, keywords, time_zone, is_group FROM subscriptions WHERE keywords <> '' ORDER BY chat_id", cancellationToken);

    public async Task<IReadOnlyList<string>> DigestTimeZonesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT DISTINCT time_zone FROM subscriptions WHERE keywords = ''");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var zones = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            zones.Add(reader.GetString(0));
        }
        return zones;
    }

    public Task<IReadOnlyList<Subscription>> DigestsDueAsync(string timeZone, string item, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(
            """
            SELECT s.chat_id, s.keywords, s.time_zone, s.is_group FROM subscriptions s
            WHERE s.keywords = '' AND s.time_zone = @tz AND NOT EXISTS (
                SELECT 1 FROM subscription_deliveries d
                WHERE d.chat_id = s.chat_id AND d.item = @item AND (d.sent_at IS NOT NULL OR d.claimed_until > @now))
            ORDER BY s.chat_id
            """,
            cancellationToken, ("@tz", timeZone), ("@item", item), ("@now", Time(now)));

    public async Task<bool> TryClaimAsync(long chatId, string item, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Two replicas claiming the same row: PostgreSQL makes the second wait for the first's insert, then the
        // WHERE sees a live claim and nothing is returned.
        await using var command = connection.Command(
            """
            INSERT INTO subscription_deliveries (chat_id, item, claimed_until) VALUES (@c, @i, @until)
            ON CONFLICT (chat_id, item) DO UPDATE SET claimed_until = excluded.claimed_until
                WHERE subscription_deliveries.sent_at IS NULL AND subscription_deliveries.claimed_until <= @now
            RETURNING chat_id
            """,
            ("@c", chatId), ("@i", item), ("@until", Time(until)), ("@now", Time(now)));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task MarkSentAsync(long chatId, string item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE subscription_deliveries SET sent_at = @now WHERE chat_id = @c AND item = @i", cancellationToken,
            ("@c", chatId), ("@i", item), ("@now", Time(now))).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(long chatId, string item, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM subscription_deliveries WHERE chat_id = @c AND item = @i AND sent_at IS NULL", cancellationToken,
            ("@c", chatId), ("@i", item)).ConfigureAwait(false);
    }

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM subscription_deliveries WHERE claimed_until < @cutoff", cancellationToken,
            ("@cutoff", Time(clock.GetUtcNow() - SubscriptionSender.DeliveriesKeptFor))).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Subscription>> ReadAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Subscription(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), ReadFlag(reader, 3)));
        }
        return list;
    }
}
