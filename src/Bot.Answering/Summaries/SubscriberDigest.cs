using Bot.Core.Search;
using Bot.Core.Subscriptions;

namespace Bot.Core.Summaries;

/// <summary>
/// The story digest as subscribers receive it: the day's biggest stories (<see cref="IDigestService"/>), each with its
/// cited article's address.
/// </summary>
internal sealed class SubscriberDigest(IDigestService digests, IArticleCatalog catalog) : ISubscriptionDigest
{
    internal const int Lines = 10;

    public async Task<DayDigest?> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var digest = await digests.BuildAsync(new DigestRequest(day, day, Lines), cancellationToken).ConfigureAwait(false);
        if (digest.Stories.Count == 0)
        {
            return null;
        }
        var lines = new List<DigestLine>(digest.Stories.Count);
        foreach (var story in digest.Stories)
        {
            var cited = await catalog.GetAsync(story.ArticleIds[0], cancellationToken).ConfigureAwait(false);
            lines.Add(new DigestLine(story.Text, story.Outlets, story.ArticleIds[0], cited?.Url));
        }
        return new DayDigest(day, digest.ArticleCount, lines);
    }
}
