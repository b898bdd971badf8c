using Bot.Core.Sources;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Sources;

public sealed class LinkIngestionTests : IAsyncDisposable
{
    private readonly NewsSite _site = new();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_link_becomes_an_article_and_the_same_link_again_is_already_present()
    {
        using var engine = new SourcesEngine(_temp);
        var before = await engine.Catalog.CountAsync(CancellationToken.None);

        var added = await engine.Intake.AddLinkAsync(_site.Url("/news/poetry-festival"), CancellationToken.None);
        var again = await engine.Intake.AddLinkAsync(_site.Url("/news/poetry-festival?utm_source=telegram#top"), CancellationToken.None);

        Assert.True(added.Status == IntakeStatus.Added, added.Problem);
        Assert.Equal(NewsContent.PoetryTitle, added.Article!.Title);
        Assert.Equal(before + 1, added.ArticleCount);
        Assert.Equal(new DateOnly(2025, 10, 13), added.Article.Date);
        Assert.Contains("مرايا الرمل", string.Join(" ", added.Article.Paragraphs));
        Assert.DoesNotContain(added.Article.Paragraphs, p => p.Contains("جميع الحقوق محفوظة"));
        Assert.Equal(IntakeStatus.Duplicate, again.Status);
        Assert.Equal(added.Article.Id, again.Article!.Id);
        Assert.Equal(1, _site.RequestsTo("/news/poetry-festival")); // known address: not fetched again
    }

    [Fact]
    public async Task The_same_text_under_another_address_is_already_present()
    {
        using var engine = new SourcesEngine(_temp);
        var first = await engine.Intake.AddLinkAsync(_site.Url("/news/poetry-festival"), CancellationToken.None);

        var copy = await engine.Intake.AddLinkAsync(_site.Url(NewsContent.PoetryCopyPath), CancellationToken.None);

        Assert.Equal(IntakeStatus.Duplicate, copy.Status);
        Assert.Equal(first.Article!.Id, copy.Article!.Id);
        Assert.Equal(first.ArticleCount, await engine.Catalog.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_page_that_fails_once_with_503_is_fetched_again_and_added()
    {
        using var engine = new SourcesEngine(_temp);

        var result = await engine.Intake.AddLinkAsync(_site.Url("/news/flaky"), CancellationToken.None);

        Assert.True(result.Status == IntakeStatus.Added, result.Problem);
        Assert.Equal(2, _site.RequestsTo("/news/flaky"));
    }

    [Theory]
    [InlineData("/news/gone", "HTTP 404")]
    [InlineData("/news/slow", "within 3 s")]
    [InlineData("/news/huge", "larger than 5120 KB")]
    [InlineData("/news/menu-only", "no article text")]
    public async Task A_link_that_cannot_give_an_article_is_refused_with_the_reason_and_nothing_changes(string path, string reason)
    {
        using var engine = new SourcesEngine(_temp);
        var before = await engine.Catalog.CountAsync(CancellationToken.None);

        var result = await engine.Intake.AddLinkAsync(_site.Url(path), CancellationToken.None);

        Assert.Equal(IntakeStatus.Failed, result.Status);
        Assert.Contains(reason, result.Problem);
        Assert.Equal(before, await engine.Catalog.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_loopback_address_is_refused_by_default_without_any_request_reaching_it()
    {
        using var engine = new SourcesEngine(_temp, allowPrivate: false);
        var viaName = _site.Url("/news/poetry-festival").Replace("127.0.0.1", "localhost");

        var literal = await engine.Intake.AddLinkAsync(_site.Url("/news/poetry-festival"), CancellationToken.None);
        var named = await engine.Intake.AddLinkAsync(viaName, CancellationToken.None);

        Assert.True(literal.Refused);
        Assert.True(named.Refused);
        Assert.Equal(IntakeStatus.Failed, literal.Status);
        Assert.Contains("AllowPrivateNetworks", literal.Problem);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_feed_on_a_private_address_is_refused_by_default_and_reported()
    {
        using var engine = new SourcesEngine(_temp, [(_site.Url("/atom.xml"), "داخلي")], allowPrivate: false);

        var result = (await engine.Feeds.PollAllAsync(CancellationToken.None)).Single();

        Assert.Contains("private", result.Error);
        Assert.Empty(_site.Requests);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/news")]
    [InlineData("ليس رابطًا")]
    public async Task Only_http_and_https_links_are_fetched(string link)
    {
        using var engine = new SourcesEngine(_temp);

        var result = await engine.Intake.AddLinkAsync(link, CancellationToken.None);

        Assert.Equal(IntakeStatus.Failed, result.Status);
        Assert.Contains("http(s)", result.Problem);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        _temp.Dispose();
    }
}
