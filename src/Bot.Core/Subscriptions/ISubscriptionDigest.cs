namespace Bot.Core.Subscriptions;

/// <summary>One line of a subscriber's daily digest: a story's sentence and where it comes from.</summary>
/// <param name="Text">The line as quoted (plain text).</param>
/// <param name="Outlets">How many outlets carried the story.</param>
/// <param name="ArticleId">The cited article.</param>
/// <param name="Url">The cited article's address, when it has one.</param>
public sealed record DigestLine(string Text, int Outlets, string ArticleId, string? Url);

/// <summary>What a subscriber receives for one day: its stories, biggest first.</summary>
public sealed record DayDigest(DateOnly Day, int ArticleCount, IReadOnlyList<DigestLine> Lines);

/// <summary>
/// The seam between subscriptions and the digest: the day's stories for a subscriber (the story digest of
/// Bot.Answering, adapted by its SubscriberDigest).
/// </summary>
public interface ISubscriptionDigest
{
    /// <summary>The digest of one day (the archive's dates), or null when that day has no articles.</summary>
    Task<DayDigest?> ForDayAsync(DateOnly day, CancellationToken cancellationToken);
}
