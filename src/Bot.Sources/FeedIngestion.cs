using Microsoft.Extensions.Options;

namespace Bot.Core.Sources;

/// <summary>One configured feed as the <c>sources</c> command shows it.</summary>
public sealed record FeedStatus(
    string Name, string Url, int IntervalMinutes, DateTimeOffset? LastPollAt, DateTimeOffset? NextPollAt, int ItemsTaken, string? LastError);

/// <summary>The configured feeds: poll them, and report on them.</summary>
public interface IFeedIngestion
{
    /// <summary>Polls every configured feed once, one after the other; a failing feed never stops the others.</summary>
    Task<IReadOnlyList<FeedPollResult>> PollAllAsync(CancellationToken cancellationToken);

    /// <summary>Polls the feeds whose time has come; returns when the next one is due.</summary>
    Task<DateTimeOffset> PollDueAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedStatus>> StatusAsync(CancellationToken cancellationToken);
}

internal sealed class FeedIngestion(FeedPoller poller, FeedStateStore states, IOptions<SourcesOptions> options, TimeProvider clock) : IFeedIngestion
{
    public async Task<IReadOnlyList<FeedPollResult>> PollAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<FeedPollResult>();
        foreach (var feed in options.Value.Feeds)
        {
            results.Add(await poller.PollAsync(feed, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    public async Task<DateTimeOffset> PollDueAsync(CancellationToken cancellationToken)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var feed in options.Value.Feeds)
        {
            var state = await states.GetAsync(feed.Url, cancellationToken).ConfigureAwait(false);
            if (state.NextPollAt is not { } due || due <= clock.GetUtcNow())
            {
                await poller.PollAsync(feed, cancellationToken).ConfigureAwait(false);
                state = await states.GetAsync(feed.Url, cancellationToken).ConfigureAwait(false);
            }
            if (state.NextPollAt is { } at && at < next)
            {
                next = at;
            }
        }
        return next;
    }

    public async Task<IReadOnlyList<FeedStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var list = new List<FeedStatus>();
        foreach (var feed in options.Value.Feeds)
        {
            var state = await states.GetAsync(feed.Url, cancellationToken).ConfigureAwait(false);
            list.Add(new FeedStatus(feed.DisplayName, feed.Url, (int)options.Value.IntervalOf(feed).TotalMinutes,
                state.LastPollAt, state.NextPollAt, state.ItemsTaken, state.LastError));
        }
        return list;
    }
}
