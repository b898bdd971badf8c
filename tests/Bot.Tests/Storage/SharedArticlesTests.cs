using Bot.Core.Corpus;
using Bot.Core.Search;
using Bot.Core.State.Postgres;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SharedArticlesTests(PostgresFixture cluster)
{
    private static readonly Article Harvest = new(
        "harvest-2026", "موسم حصاد القمح في سهل حوران", new DateOnly(2026, 6, 2), "وكالة المثال", "https://example-news.com/harvest",
        ["بدأ المزارعون في سهل حوران حصاد القمح مبكرا هذا العام بعد شتاء ماطر.", "وقدرت مديرية الزراعة الإنتاج بنحو مئتي ألف طن من الحبوب."], []);

    [SharedStoreFact]
    public async Task An_article_added_through_one_replica_is_searchable_on_another_within_seconds_and_removed_from_it_too()
    {
        var connection = await cluster.CreateDatabaseAsync();
        using var temp = new TempFolder();
        using var first = Replica(connection, temp, "a");
        using var second = Replica(connection, temp, "b");
        await first.Get<IHost>().StartAsync();
        await second.Get<IHost>().StartAsync();
        var before = await second.Get<IArticleCatalog>().CountAsync(CancellationToken.None);

        var added = await first.Get<IArticleWriter>().AddAsync(Harvest, CancellationToken.None);

        Assert.False(added.Duplicate);
        Assert.Equal(before + 1, added.ArticleCount);
        await WaitUntilAsync(async () => (await second.Get<IPassageSearch>().SearchAsync("حصاد القمح في حوران", 3, CancellationToken.None))
            .Any(p => p.Passage.ArticleId == "harvest-2026"));
        Assert.Equal(before + 1, await second.Get<IArticleCatalog>().CountAsync(CancellationToken.None));

        var again = await second.Get<IArticleWriter>().AddAsync(Harvest with { Id = "harvest-copy" }, CancellationToken.None);
        Assert.True(again.Duplicate);
        Assert.Equal("harvest-2026", again.Article.Id);

        Assert.True(await second.Get<IArticleWriter>().RemoveAsync("harvest-2026", CancellationToken.None));
        await WaitUntilAsync(async () => await first.Get<IArticleCatalog>().CountAsync(CancellationToken.None) == before);

        await first.Get<IHost>().StopAsync();
        await second.Get<IHost>().StopAsync();
    }

    [SharedStoreFact]
    public async Task A_file_uploaded_to_one_replica_is_searchable_on_another()
    {
        var connection = await cluster.CreateDatabaseAsync();
        using var temp = new TempFolder();
        using var first = Replica(connection, temp, "a");
        using var second = Replica(connection, temp, "b");
        await second.Get<IHost>().StartAsync();
        var text = "افتتاح معرض الكتاب في عمّان\n\nافتتح معرض عمّان الدولي للكتاب أبوابه أمام الزوار بمشاركة ثلاثمئة دار نشر عربية.";

        var result = await first.Get<IArticleIngestor>().AddAsync("book-fair.txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), CancellationToken.None);

        Assert.Equal("book-fair", result.Article.Id);
        await WaitUntilAsync(async () => (await second.Get<IPassageSearch>().SearchAsync("معرض عمان الدولي للكتاب", 3, CancellationToken.None))
            .Any(p => p.Passage.ArticleId == "book-fair"));
        await second.Get<IHost>().StopAsync();
    }

    [SharedStoreFact]
    public async Task A_replica_started_later_catches_up_with_the_articles_added_before_it()
    {
        var connection = await cluster.CreateDatabaseAsync();
        using var temp = new TempFolder();
        using var first = Replica(connection, temp, "a");
        await first.Get<IArticleWriter>().AddAsync(Harvest, CancellationToken.None);

        using var late = Replica(connection, temp, "late");
        await late.Get<IHost>().StartAsync();

        await WaitUntilAsync(async () => (await late.Get<IPassageSearch>().SearchAsync("مديرية الزراعة الإنتاج", 3, CancellationToken.None))
            .Any(p => p.Passage.ArticleId == "harvest-2026"));
        await late.Get<IHost>().StopAsync();
    }

    /// <summary>A replica: its own copy of the seeds and its own index, the shared database.</summary>
    private static PipelineHost Replica(string connection, TempFolder temp, string name)
    {
        var corpus = temp.Combine(name, "articles");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }
        return new PipelineHost(corpus, temp.Combine(name, "index"), new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ArticleCatchUpSeconds"] = "2",
            ["ConnectionStrings:Postgres"] = connection,
        }, (services, configuration) => services.AddArticleFeed(configuration));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {seconds} s.");
            }
            await Task.Delay(100);
        }
    }
}
