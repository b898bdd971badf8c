using Bot.Core.Search;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Search;

/// <summary>The article list of an archive: pages newest first, numbers that stay valid, title filters through the index.</summary>
public sealed class ArticleListTests : IDisposable
{
    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public ArticleListTests()
    {
        SyntheticArchive.Write(_corpus.Combine("archive.jsonl"), 45);
        _engine = new PipelineHost(_corpus.Path);
    }

    private IArticleCatalog Catalog => _engine.Get<IArticleCatalog>();

    [Fact]
    public async Task Pages_hold_ten_articles_newest_first_numbered_across_the_whole_list()
    {
        var first = await Catalog.PageAsync(new ArticleListQuery(1, 10), CancellationToken.None);
        var last = await Catalog.PageAsync(new ArticleListQuery(5, 10), CancellationToken.None);
        var beyond = await Catalog.PageAsync(new ArticleListQuery(99, 10), CancellationToken.None);

        Assert.Equal((45, 5, 10), (first.Total, first.PageCount, first.Items.Count));
        Assert.Equal(Enumerable.Range(1, 10), first.Items.Select(a => a.Number));
        Assert.Equal(first.Items.Select(a => a.Date).OrderByDescending(d => d), first.Items.Select(a => a.Date));
        Assert.Equal(Enumerable.Range(41, 5), last.Items.Select(a => a.Number));
        Assert.True(first.Items[^1].Date >= last.Items[0].Date);
        Assert.Equal(5, beyond.Page);
        Assert.False(last.HasNext);
        Assert.True(last.HasPrevious);
    }

    [Fact]
    public async Task A_title_filter_finds_articles_through_the_index_and_keeps_their_list_numbers()
    {
        var filtered = await Catalog.PageAsync(new ArticleListQuery(1, 50, "تبوك"), CancellationToken.None);
        var all = await Catalog.PageAsync(new ArticleListQuery(1, 50), CancellationToken.None);

        Assert.NotEmpty(filtered.Items);
        Assert.All(filtered.Items, a => Assert.Contains("تبوك", a.Title));
        Assert.Equal(all.Items.Count(a => a.Title.Contains("تبوك")), filtered.Total);
        foreach (var item in filtered.Items)
        {
            Assert.Equal(item.Id, all.Items[item.Number - 1].Id);
            Assert.Equal(item.Id, (await Catalog.ResolveAsync(item.Number.ToString(), CancellationToken.None))!.Id);
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
