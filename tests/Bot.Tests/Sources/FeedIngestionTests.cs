using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Core.Sources;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Sources;

public sealed class FeedIngestionTests : IAsyncDisposable
{
    private const string RssName = "أخبار تجريبية";
    private const string AtomName = "وكالة العلوم";

    private readonly NewsSite _site = new();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task New_items_of_an_RSS_feed_become_articles_and_broken_pages_are_skipped_with_the_feed_named()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss.xml"), RssName)]);
        var before = await engine.Catalog.CountAsync(CancellationToken.None);

        var result = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.Null(result.Error);
        Assert.Equal(3, result.Added);
        Assert.Equal(4, result.Skipped); // 404, slow, over 5 MB, a page without an article
        Assert.Equal(before + 3, await engine.Catalog.CountAsync(CancellationToken.None));
        var titles = (await engine.Catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.Select(a => a.Title).ToList();
        Assert.Contains(NewsContent.DesalinationTitle, titles);
        Assert.Contains(NewsContent.PoetryTitle, titles);
        Assert.Contains(NewsContent.OliveTitle, titles);

        var warnings = engine.Logs.At(LogLevel.Warning).Where(w => w.Contains(RssName)).ToList();
        Assert.Contains(warnings, w => w.Contains("/news/gone") && w.Contains("404"));
        Assert.Contains(warnings, w => w.Contains("/news/slow") && w.Contains("within 3 s"));
        Assert.Contains(warnings, w => w.Contains("/news/huge") && w.Contains("larger than"));
        Assert.Contains(warnings, w => w.Contains("/news/menu-only") && w.Contains("no article"));
    }

    [Fact]
    public async Task A_feed_item_with_its_full_text_is_stored_without_fetching_its_page()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-good.xml"), RssName)]);

        await engine.Feeds.PollAllAsync(CancellationToken.None);

        var article = (await engine.Catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.Single(a => a.Title == NewsContent.DesalinationTitle);
        var stored = await engine.Catalog.GetAsync(article.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(0, _site.RequestsTo("/news/desalination"));
        Assert.Contains("مئتين وخمسين ألف متر مكعب", string.Join(" ", stored.Paragraphs));
        Assert.Equal(new DateOnly(2025, 10, 12), stored.Date);
        Assert.Equal(RssName, stored.Source);
        Assert.Equal(_site.Url("/news/desalination"), stored.Url); // tracking parameter dropped
    }

    [Fact]
    public async Task A_windows_1256_page_declared_only_in_a_meta_tag_is_decoded_correctly()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-good.xml"), RssName)]);

        await engine.Feeds.PollAllAsync(CancellationToken.None);

        var olive = (await engine.Catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.Single(a => a.Title == NewsContent.OliveTitle);
        var text = string.Join(" ", (await engine.Catalog.GetAsync(olive.Id, CancellationToken.None))!.Paragraphs);
        Assert.Contains("ثمانية عشر ألف طن", text);
        Assert.DoesNotContain("الرئيسية", text); // the menu is not part of the article
    }

    [Fact]
    public async Task A_feed_in_windows_1256_is_read_from_its_xml_declaration()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-1256.xml"), RssName)]);

        var result = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.Equal(3, result.Added);
        var titles = (await engine.Catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.Select(a => a.Title).ToList();
        Assert.Contains(NewsContent.DesalinationTitle, titles);
        Assert.Contains(NewsContent.OliveTitle, titles);
    }

    [Fact]
    public async Task A_second_poll_adds_nothing_because_the_server_answers_304_to_the_saved_ETag()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-good.xml"), RssName)]);
        await engine.Feeds.PollAllAsync(CancellationToken.None);
        var count = await engine.Catalog.CountAsync(CancellationToken.None);

        var second = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.True(second.NotModified);
        Assert.Equal(0, second.Added);
        Assert.Equal(count, await engine.Catalog.CountAsync(CancellationToken.None));
        var feedRequests = _site.Requests.Where(r => r.Path == "/rss-good.xml").ToList();
        Assert.Equal(["", NewsSite.RssETag], feedRequests.Select(r => r.IfNoneMatch));
        Assert.All(_site.Requests, r => Assert.StartsWith("ArabicArticleQaBot/", r.UserAgent));
    }

    [Fact]
    public async Task Items_over_the_per_poll_limit_are_taken_by_the_next_poll_even_when_the_feed_did_not_change()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-good.xml"), RssName)],
            extra: new Dictionary<string, string?> { ["Sources:MaxItemsPerPoll"] = "2" });

        var first = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();
        var second = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();
        var third = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.Equal(2, first.Added);
        Assert.Equal(1, second.Added);
        Assert.True(third.NotModified);
    }

    [Fact]
    public async Task After_a_restart_items_already_taken_from_a_feed_without_validators_are_not_added_again()
    {
        var index = _temp.Combine("index");
        using (var first = new SourcesEngine(_temp, [(_site.Url("/atom.xml"), AtomName)], indexPath: index))
        {
            Assert.Equal(1, (await first.Feeds.PollAllAsync(CancellationToken.None)).Single().Added);
        }

        using var restarted = new SourcesEngine(_temp, [(_site.Url("/atom.xml"), AtomName)], indexPath: index);
        var again = (await restarted.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.False(again.NotModified); // the Atom feed has no ETag: it is read in full again
        Assert.Equal(0, again.Added + again.Duplicates);
        Assert.True(File.Exists(Path.Combine(index, "sources-state.json")));
        var status = (await restarted.Feeds.StatusAsync(CancellationToken.None)).Single();
        Assert.Equal(1, status.ItemsTaken);
        Assert.Equal(AtomName, status.Name);
        Assert.NotNull(status.LastPollAt);
    }

    [Fact]
    public async Task A_question_about_a_fact_only_in_a_feed_item_is_answered_with_a_citation_to_that_item()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/atom.xml"), AtomName)]);
        await engine.Feeds.PollAllAsync(CancellationToken.None);

        var answer = await engine.Get<IAnswerer>().AnswerAsync(
            Question.Standalone("ما اسم القمر الصناعي الذي أطلقته وكالة الفضاء العربية لرصد التصحر؟"), CancellationToken.None);

        Assert.True(answer.Found);
        Assert.Contains("نجمة الواحة", answer.Text);
        var citation = Assert.Single(answer.Citations, c => c.Title == NewsContent.SatelliteTitle);
        Assert.Contains($"[{citation.N}]", answer.Text);
        var article = await engine.Catalog.GetAsync(citation.ArticleId, CancellationToken.None);
        Assert.Equal(_site.Url("/science/satellite"), article!.Url);
    }

    [Fact]
    public async Task The_worker_polls_the_feeds_by_itself_and_the_new_article_is_searchable()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/atom.xml"), AtomName)], polling: true);
        var host = engine.Get<Microsoft.Extensions.Hosting.IHost>();
        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await engine.Catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.All(a => a.Title != NewsContent.SatelliteTitle))
            {
                Assert.True(DateTime.UtcNow < deadline, "The worker did not take the Atom entry.");
                await Task.Delay(50);
            }
            var passages = await engine.Get<Bot.Core.Search.IPassageSearch>().SearchAsync("نجمة الواحة", 3, CancellationToken.None);
            Assert.Contains(passages, p => p.Passage.Text.Contains("نجمة الواحة"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_malformed_feed_is_reported_with_its_name_and_the_other_feeds_are_still_polled()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/broken.xml"), "موقع معطوب"), (_site.Url("/atom.xml"), AtomName)]);

        var results = await engine.Feeds.PollAllAsync(CancellationToken.None);

        Assert.Contains("not well-formed", results[0].Error);
        Assert.Null(results[1].Error);
        Assert.Equal(1, results[1].Added);
        Assert.Contains(engine.Logs.At(LogLevel.Warning), w => w.Contains("موقع معطوب") && w.Contains("broken.xml"));
        var status = await engine.Feeds.StatusAsync(CancellationToken.None);
        Assert.Contains("not well-formed", status[0].LastError);
        Assert.Null(status[1].LastError);
    }

    [Fact]
    public async Task Each_feed_is_polled_on_its_interval_and_a_failing_one_waits_twice_as_long_each_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 10, 15, 8, 0, 0, TimeSpan.Zero));
        using var engine = new SourcesEngine(_temp, [(_site.Url("/rss-good.xml"), RssName), (_site.Url("/broken.xml"), "موقع معطوب")], clock: clock);
        var interval = TimeSpan.FromMinutes(30);

        await engine.Feeds.PollDueAsync(CancellationToken.None);   // 08:00 both
        await engine.Feeds.PollDueAsync(CancellationToken.None);   // nothing due
        clock.Advance(interval);
        await engine.Feeds.PollDueAsync(CancellationToken.None);   // 08:30 the good feed only (304)
        clock.Advance(interval);
        await engine.Feeds.PollDueAsync(CancellationToken.None);   // 09:00 both; the broken one now waits 4 intervals

        Assert.Equal(3, _site.RequestsTo("/rss-good.xml"));
        Assert.Equal(2, _site.RequestsTo("/broken.xml"));
        var broken = (await engine.Feeds.StatusAsync(CancellationToken.None))[1];
        Assert.Equal(clock.GetUtcNow() + 4 * interval, broken.NextPollAt);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        _temp.Dispose();
    }
}
