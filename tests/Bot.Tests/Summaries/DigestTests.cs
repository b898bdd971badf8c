using Bot.Core.Arabic;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Summaries;

/// <summary>The day's stories and a topic's timeline, through the real pipeline over <see cref="NewsDay"/>.</summary>
public sealed class DigestTests : IDisposable
{
    private static readonly DateOnly August6 = new(2015, 8, 6);
    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public DigestTests()
    {
        NewsDay.Write(_corpus.Combine("news.jsonl"));
        _engine = new PipelineHost(corpus: _corpus.Path);
    }

    [Fact]
    public async Task The_digest_of_the_newest_day_puts_the_story_most_outlets_carried_first_with_every_copy()
    {
        var digest = await _engine.Get<IDigestService>().BuildAsync(new DigestRequest(), CancellationToken.None);

        Assert.Equal(August6, digest.From);
        Assert.Equal(August6, digest.To);
        Assert.Equal(19, digest.ArticleCount);
        var first = digest.Stories[0];
        Assert.Equal(4, first.Outlets);
        Assert.Equal(["apache-0", "apache-1", "apache-2", "apache-3"], first.ArticleIds.Order());
        Assert.Contains("أباتشي", first.Text);
        Assert.DoesNotContain("واس", first.Text);
        var cited = (await _engine.Get<IArticleCatalog>().GetAsync(first.ArticleIds[0], CancellationToken.None))!;
        Assert.Contains(first.Text, string.Join(" ", cited.Paragraphs));
    }

    [Fact]
    public async Task A_trimmed_rewrite_joins_its_story_and_no_story_is_listed_twice()
    {
        var digest = await _engine.Get<IDigestService>().BuildAsync(new DigestRequest(Limit: 20), CancellationToken.None);

        var statement = digest.Stories[1];
        Assert.Equal(3, statement.Outlets);
        Assert.Contains("statement-2", statement.ArticleIds);
        Assert.Contains("الأردنية", statement.Text);
        var ids = digest.Stories.SelectMany(s => s.ArticleIds).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(digest.Stories, s => Assert.Equal(August6, s.Date));
        Assert.Equal([4, 3], digest.Stories.Take(2).Select(s => s.Outlets));
    }

    [Fact]
    public async Task Yesterday_is_the_day_before_the_newest_and_a_date_names_its_day()
    {
        Assert.True(DigestPeriod.TryParse("أمس", 10, out var yesterday));
        var digest = await _engine.Get<IDigestService>().BuildAsync(yesterday, CancellationToken.None);

        Assert.Equal(new DateOnly(2015, 8, 5), digest.From);
        Assert.Equal(2, digest.Stories[0].Outlets);
        Assert.Contains("عدن", digest.Stories[0].Text);

        var empty = await _engine.Get<IDigestService>().BuildAsync(new DigestRequest(new DateOnly(2015, 7, 30)), CancellationToken.None);
        Assert.Equal(0, empty.ArticleCount);
        Assert.Empty(empty.Stories);
    }

    [Fact]
    public async Task A_timeline_gives_one_dated_line_per_story_in_date_order_quoted_from_its_article()
    {
        var timeline = await _engine.Get<ITimelineService>().BuildAsync(new TimelineRequest("أسعار النفط"), CancellationToken.None);

        Assert.Equal(4, timeline.Lines.Count);
        Assert.Equal(timeline.Lines.Select(l => l.Date).Order(), timeline.Lines.Select(l => l.Date));
        Assert.Equal(4, timeline.Lines.Select(l => l.Date).Distinct().Count());
        for (var i = 0; i < timeline.Lines.Count; i++)
        {
            var line = timeline.Lines[i];
            Assert.EndsWith($"[{i + 1}]", line.Text);
            var article = (await _engine.Get<IArticleCatalog>().GetAsync(line.ArticleId, CancellationToken.None))!;
            Assert.Contains(ArabicNormalizer.Normalize(line.Text[..line.Text.LastIndexOf('[')].Trim()), ArabicNormalizer.Normalize(string.Join(" ", article.Paragraphs)));
        }
        Assert.Contains("تراجعت أسعار النفط", timeline.Lines[^1].Text);
        Assert.Single(timeline.Lines, l => l.Text.Contains("أدنى مستوى")); // the copy is merged, not repeated
        Assert.Equal(timeline.Lines.Count, timeline.Citations.Count);
    }

    [Fact]
    public async Task The_latest_news_on_a_topic_comes_newest_first()
    {
        var latest = await _engine.Get<ITimelineService>().BuildAsync(new TimelineRequest("أسعار النفط", NewestFirst: true), CancellationToken.None);

        Assert.Equal(new DateOnly(2015, 8, 6), latest.Lines[0].Date);
        Assert.Equal(latest.Lines.Select(l => l.Date).OrderDescending(), latest.Lines.Select(l => l.Date));
        Assert.Equal(Summary.LatestKind, DigestText.ToSummary(latest).Kind);
    }

    [Fact]
    public async Task A_topic_the_archive_does_not_cover_has_no_timeline()
    {
        var timeline = await _engine.Get<ITimelineService>().BuildAsync(new TimelineRequest("بطولة كأس العالم للسباحة"), CancellationToken.None);

        Assert.Empty(timeline.Lines);
        Assert.NotNull(timeline.Message);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
