using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Summaries;

/// <summary>
/// Builds a digest: reads every article of the period from the index, groups copies and rewrites into stories
/// (<see cref="StoryClustering"/>), ranks them by outlets then articles, and quotes one sentence per story from its most
/// central article (<see cref="StoryLine"/>), only for the stories asked for. The grouping of the last few periods is kept
/// per index view, so turning a page in Telegram costs only the new page's lines.
/// </summary>
internal sealed partial class DigestService(
    ArticlesByDate articles, ArchiveCalendar calendar, IIndexViews index, TimeProvider clock, ILogger<DigestService> logger) : IDigestService
{
    /// <summary>Words of an article compared for shared wording (the rare very long article is cut here).</summary>
    internal const int ComparedWords = 1500;

    private const int CachedPeriods = 8;

    /// <summary>The longest period a relative request may span.</summary>
    private const int MaxDays = 31;
    private readonly Dictionary<(object View, DateOnly From, DateOnly To), PeriodStories> _cache = [];

    public async Task<Digest> BuildAsync(DigestRequest request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.Limit, 1, DigestRequest.MaxLimit);
        if (await calendar.RangeAsync(cancellationToken).ConfigureAwait(false) is not { } range)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return new Digest(request.From ?? today, request.To ?? request.From ?? today, 0, []);
        }
        var end = range.To.AddDays(-Math.Max(0, request.DaysBeforeNewest));
        var from = request.From ?? request.To ?? end.AddDays(1 - Math.Clamp(request.Days, 1, MaxDays));
        var to = request.To ?? request.From ?? end;
        if (to < from)
        {
            (from, to) = (to, from);
        }

        object view;
        using (var current = await index.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            view = current.Version;
        }
        PeriodStories? period;
        lock (_cache)
        {
            _cache.TryGetValue((view, from, to), out period);
        }
        if (period is null)
        {
            period = await GroupAsync(from, to, cancellationToken).ConfigureAwait(false);
            lock (_cache)
            {
                if (_cache.Count >= CachedPeriods)
                {
                    _cache.Clear();
                }
                _cache[(view, from, to)] = period;
            }
        }
        return new Digest(from, to, period.Articles.Count, period.Stories(limit));
    }

    private async Task<PeriodStories> GroupAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var period = await articles.ReadAsync(from, to, cancellationToken).ConfigureAwait(false);
        var read = clock.GetElapsedTime(started);
        var items = new StoryItem[period.Count];
        Parallel.For(0, period.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var article = period[i].Article;
            var text = article.Title + "\n" + string.Join('\n', article.Paragraphs);
            items[i] = new StoryItem(article.Source ?? string.Empty, WordShingles.Of(text, ComparedWords), period[i].Signature);
        });
        var shingled = clock.GetElapsedTime(started);
        var ranked = StoryClustering.Group(items)
            .OrderByDescending(c => c.Outlets)
            .ThenByDescending(c => c.Reach)
            .ThenByDescending(c => c.Members.Count)
            .ThenBy(c => c.Members[0])
            .ToList();
        LogGrouped(logger, from, to, period.Count, ranked.Count, read.TotalMilliseconds, shingled.TotalMilliseconds,
            clock.GetElapsedTime(started).TotalMilliseconds);
        return new PeriodStories(period, items, ranked);
    }

    /// <summary>A period's stories, ranked; each story's line is quoted the first time a digest reaches it.</summary>
    private sealed class PeriodStories(IReadOnlyList<DatedArticle> articles, IReadOnlyList<StoryItem> items, IReadOnlyList<StoryCluster> ranked)
    {
        private readonly List<DigestStory> _stories = [];
        private int _next;

        public IReadOnlyList<DatedArticle> Articles => articles;

        public IReadOnlyList<DigestStory> Stories(int count)
        {
            lock (_stories)
            {
                while (_stories.Count < count && _next < ranked.Count)
                {
                    var cluster = ranked[_next++];
                    if (StoryLine.Choose(cluster.Members, articles, items) is { } line)
                    {
                        var ids = line.Members.Select(i => articles[i].Article.Id).ToList();
                        _stories.Add(new DigestStory(line.Sentence, ids, cluster.Outlets, articles[line.Members[0]].Article.Date));
                    }
                }
                return _stories.Take(count).ToList();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Digest {From}..{To}: {Articles} articles in {Stories} stories (read {Read:0} ms, shingled {Shingled:0} ms, grouped {Grouped:0} ms)")]
    private static partial void LogGrouped(
        ILogger logger, DateOnly from, DateOnly to, int articles, int stories, double read, double shingled, double grouped);
}
