namespace Bot.Telegram.Subscriptions;

/// <summary>A chat's subscription: the daily digest (no keywords) or the new articles matching some words.</summary>
/// <param name="Keywords">Empty for the daily digest; otherwise the words as the user wrote them (spaces collapsed).</param>
/// <param name="TimeZone">IANA zone whose <see cref="DigestScheduleOptions.Hour"/> the digest is sent at.</param>
internal sealed record Subscription(long ChatId, string Keywords, string TimeZone, bool IsGroup)
{
    public bool IsDigest => Keywords.Length == 0;
}

/// <summary>
/// Subscriptions and their deliveries, in the state store (state.db, or PostgreSQL shared by the replicas). A delivery
/// (a chat and a thing sent to it: «digest:2015-08-06», «article:ID») is claimed before sending and marked sent after,
/// so each goes out once whatever the number of replicas; a claim whose sender died expires and is taken again.
/// </summary>
internal interface ISubscriptionStore
{
    /// <summary>False when the chat had it already (its time zone is updated).</summary>
    Task<bool> AddAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the chat's subscription with exactly these keywords, or all of them when null; how many.</summary>
    Task<int> RemoveAsync(long chatId, string? keywords, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscription>> OfChatAsync(long chatId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscription>> KeywordSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>The distinct time zones of the digest subscribers.</summary>
    Task<IReadOnlyList<string>> DigestTimeZonesAsync(CancellationToken cancellationToken);

    /// <summary>Digest subscribers in a zone for whom <paramref name="item"/> is neither sent nor claimed now.</summary>
    Task<IReadOnlyList<Subscription>> DigestsDueAsync(string timeZone, string item, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>True when this caller may send the item to the chat now (no one sent it, no live claim on it).</summary>
    Task<bool> TryClaimAsync(long chatId, string item, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    Task MarkSentAsync(long chatId, string item, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives up a claim (the send failed) so a later pass tries again.</summary>
    Task ReleaseAsync(long chatId, string item, CancellationToken cancellationToken);
}
