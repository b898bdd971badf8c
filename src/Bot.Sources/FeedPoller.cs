using Bot.Core.Corpus;
using Bot.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Sources;

/// <summary>How one poll of one feed went.</summary>
/// <param name="NotModified">The server answered 304: nothing changed since the last poll.</param>
/// <param name="Error">Why the feed could not be read; null when it was.</param>
public sealed record FeedPollResult(string Name, string Url, int Added, int Duplicates, int Skipped, bool NotModified, string? Error);

/// <summary>
/// Polls one feed: a conditional request (If-None-Match / If-Modified-Since from the last answer), the items not
/// seen before turned into articles and written to the archive, the state saved. A failing item is logged with the
/// feed named and skipped; a failing feed is logged, counted and retried later with growing backoff.
/// </summary>
internal sealed partial class FeedPoller(
    SourceFetcher fetcher,
    WebArticleReader reader,
    IArticleWriter writer,
    IArticleCatalog catalog,
    FeedStateStore states,
    IOptions<SourcesOptions> options,
    TimeProvider clock,
    ILogger<FeedPoller> logger)
{
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";

    public async Task<FeedPollResult> PollAsync(FeedOptions feed, CancellationToken cancellationToken)
    {
        var name = feed.DisplayName;
        var state = await states.GetAsync(feed.Url, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        state.LastPollAt = now;
        try
        {
            var content = await fetcher.FetchAsync(new Uri(feed.Url), new ConditionalHeaders(state.ETag, state.LastModified), FeedAccept, cancellationToken)
                .ConfigureAwait(false);
            if (content is null)
            {
                Succeeded(state, feed, now);
                await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
                LogNotModified(name);
                return new FeedPollResult(name, feed.Url, 0, 0, 0, NotModified: true, Error: null);
            }

            var items = FeedParser.Parse(content.Body, content.Charset, content.Url);
            var unseen = items.Where(i => !state.Seen.Contains(i.Key)).ToList();
            var fresh = unseen.Take(options.Value.MaxItemsPerPoll).Reverse().ToList();
            int added = 0, duplicates = 0, skipped = 0;
            string? problem = null;
            foreach (var item in fresh)
            {
                try
                {
                    var article = await ArticleOfAsync(item, name, cancellationToken).ConfigureAwait(false);
                    var result = article.Existing ?? await writer.AddAsync(article.Article, cancellationToken).ConfigureAwait(false);
                    if (result.Duplicate)
                    {
                        duplicates++;
                    }
                    else
                    {
                        added++;
                        state.ItemsTaken++;
                        LogAdded(name, result.Article.Id, result.ArticleCount);
                    }
                    state.Remember(item.Key);
                }
                catch (SourceFetchException ex)
                {
                    skipped++;
                    problem = ex.Message;
                    LogItemSkipped(name, item.Link?.ToString() ?? item.Key, ex.Message);
                    if (ex.Permanent)
                    {
                        state.Remember(item.Key); // A transient failure is retried when the feed next changes.
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A page the parser chokes on, an article the archive refuses: this item only, never the feed.
                    skipped++;
                    problem = ex.Message;
                    LogItemFailed(ex, name, item.Link?.ToString() ?? item.Key);
                    if (ex is InvalidArticleException)
                    {
                        state.Remember(item.Key);
                    }
                }
            }

            // Items left for the next poll need the feed read again, not a 304.
            var more = unseen.Count > fresh.Count;
            state.ETag = more ? null : content.ETag;
            state.LastModified = more ? null : content.LastModified;
            Succeeded(state, feed, now);
            state.LastError = skipped > 0 ? $"{skipped} item(s) skipped; last: {problem}" : null;
            await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            LogPolled(name, items.Count, added, duplicates, skipped);
            return new FeedPollResult(name, feed.Url, added, duplicates, skipped, NotModified: false, Error: null);
        }
        catch (SourceFetchException ex)
        {
            state.ConsecutiveFailures++;
            state.LastError = ex.Message;
            // Twice the interval after one failure, four times after two, …; capped, but never sooner than the interval.
            var interval = options.Value.IntervalOf(feed);
            var backoff = interval * Math.Pow(2, Math.Min(state.ConsecutiveFailures, 10));
            var ceiling = TimeSpan.FromMinutes(options.Value.MaxBackoffMinutes);
            state.NextPollAt = now + (backoff < ceiling ? backoff : ceiling > interval ? ceiling : interval);
            await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            LogFeedFailed(name, feed.Url, ex.Message, state.ConsecutiveFailures, state.NextPollAt.Value);
            return new FeedPollResult(name, feed.Url, 0, 0, 0, NotModified: false, Error: ex.Message);
        }
    }

    /// <summary>An item whose URL is already an article is recognised without fetching its page again.</summary>
    private async Task<(Article Article, ArticleWriteResult? Existing)> ArticleOfAsync(FeedItem item, string name, CancellationToken cancellationToken)
    {
        if (item.Link is { } link && await catalog.GetAsync(WebArticleReader.IdForUrl(ArticleUrls.Canonical(link), name), cancellationToken)
                .ConfigureAwait(false) is { } existing)
        {
            return (existing, new ArticleWriteResult(existing, Duplicate: true, 0));
        }
        return (await reader.FromFeedItemAsync(item, name, cancellationToken).ConfigureAwait(false), null);
    }

    private void Succeeded(FeedState state, FeedOptions feed, DateTimeOffset now)
    {
        state.LastSuccessAt = now;
        state.ConsecutiveFailures = 0;
        state.LastError = null;
        state.NextPollAt = now + options.Value.IntervalOf(feed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: added article {ArticleId}; {Count} articles now")]
    private partial void LogAdded(string feed, string articleId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Items} items, {Added} added, {Duplicates} already present, {Skipped} skipped")]
    private partial void LogPolled(string feed, int items, int added, int duplicates, int skipped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: not modified since the last poll")]
    private partial void LogNotModified(string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: skipped item {Item}: {Reason}")]
    private partial void LogItemSkipped(string feed, string item, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed}: item {Item} failed")]
    private partial void LogItemFailed(Exception exception, string feed, string item);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ({Url}) could not be read: {Reason}; failure {Failures}, next try at {NextPoll:u}")]
    private partial void LogFeedFailed(string feed, string url, string reason, int failures, DateTimeOffset nextPoll);
}
