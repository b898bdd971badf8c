using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Search;

public sealed class IndexLifecycleTests : IDisposable
{
    private readonly TempFolder _corpus = new();

    public IndexLifecycleTests()
    {
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _corpus.Combine(Path.GetFileName(seed)));
        }
    }

    private static async Task<string> AnswerAsync(IServiceProvider services) =>
        (await services.GetRequiredService<IAnswerer>()
            .AnswerAsync(Question.Standalone("من التقى وزير الدفاع السوري في طهران؟"), CancellationToken.None)).Text;

    [Fact]
    public async Task An_unchanged_corpus_reopens_its_index_and_a_changed_one_is_rebuilt_and_swapped()
    {
        using var temp = new TempFolder();
        var index = temp.Combine("index");
        string before;
        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            await engine.Get<IArticleCatalog>().ListAsync(CancellationToken.None);
            before = File.ReadAllText(Path.Combine(index, "CURRENT")).Trim();
        }

        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            await engine.Get<IArticleCatalog>().ListAsync(CancellationToken.None);
            Assert.Equal(before, File.ReadAllText(Path.Combine(index, "CURRENT")).Trim());
            Assert.DoesNotContain(engine.Logs.Entries, e => e.Message.StartsWith("Built index", StringComparison.Ordinal));
        }

        File.WriteAllText(_corpus.Combine("002_new.txt"), "زيارة جديدة إلى بغداد\n\nوصل وزير الخارجية العراقي إلى بغداد اليوم لبحث ملف المياه مع نظيره التركي.");
        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            var articles = await engine.Get<IArticleCatalog>().ListAsync(CancellationToken.None);
            Assert.Equal(3, articles.Count);
            var after = File.ReadAllText(Path.Combine(index, "CURRENT")).Trim();
            Assert.NotEqual(before, after);
            Assert.False(Directory.Exists(Path.Combine(index, before)));
            Assert.True(Directory.Exists(Path.Combine(index, after)));
        }
    }

    [Fact]
    public async Task A_build_interrupted_before_the_swap_leaves_the_previous_index_live()
    {
        using var temp = new TempFolder();
        var index = temp.Combine("index");
        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            await engine.Get<IArticleCatalog>().ListAsync(CancellationToken.None);
        }
        var live = File.ReadAllText(Path.Combine(index, "CURRENT")).Trim();

        // What a crash mid-build leaves behind: a half-written build folder without a manifest.
        var abandoned = Directory.CreateDirectory(Path.Combine(index, "build-19990101000000000-abcdef", "lucene"));
        File.WriteAllText(Path.Combine(abandoned.FullName, "_0.cfs"), "half written");

        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            Assert.Contains("باقري", await AnswerAsync(engine.Services));
            Assert.Equal(live, File.ReadAllText(Path.Combine(index, "CURRENT")).Trim());
            Assert.DoesNotContain(engine.Logs.Entries, e => e.Level >= LogLevel.Warning);
        }
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("corpus.json")]
    [InlineData("lucene")]
    public async Task A_corrupt_index_is_detected_rebuilt_with_a_warning_and_still_answers(string damaged)
    {
        using var temp = new TempFolder();
        var index = temp.Combine("index");
        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            await engine.Get<IArticleCatalog>().ListAsync(CancellationToken.None);
        }
        var generation = Path.Combine(index, File.ReadAllText(Path.Combine(index, "CURRENT")).Trim());
        var target = Path.Combine(generation, damaged);
        if (Directory.Exists(target))
        {
            foreach (var file in Directory.GetFiles(target))
            {
                File.WriteAllText(file, "garbage");
            }
        }
        else
        {
            File.WriteAllText(target, "{ not json");
        }

        using (var engine = new PipelineHost(_corpus.Path, index))
        {
            Assert.Contains("باقري", await AnswerAsync(engine.Services));
            Assert.Contains(engine.Logs.At(LogLevel.Warning), m => m.Contains("unreadable", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Reindex_swaps_in_a_new_generation_while_searches_keep_working()
    {
        using var temp = new TempFolder();
        using var engine = new PipelineHost(_corpus.Path, temp.Combine("index"));
        var index = engine.Get<ArticleIndex>();
        var search = engine.Get<IPassageSearch>();
        var before = await search.SearchAsync("باقري", 3, CancellationToken.None);

        var searching = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.NotEmpty(await search.SearchAsync("باقري طهران", 3, CancellationToken.None));
            }
        });
        var manifest = await index.RebuildAsync(progress: null, CancellationToken.None);
        await searching;

        Assert.Equal(2, manifest.ArticleCount);
        Assert.Equal(before.Select(p => p.Passage.Id), (await search.SearchAsync("باقري", 3, CancellationToken.None)).Select(p => p.Passage.Id));
    }

    [Fact]
    public async Task A_running_host_reindexes_when_an_article_file_is_added()
    {
        using var temp = new TempFolder();
        using var engine = new PipelineHost(_corpus.Path, temp.Combine("index"), configure: (services, _) => Bot.Core.ArticleQaServiceCollectionExtensions.AddCorpusWatcher(services));
        await engine.Get<Microsoft.Extensions.Hosting.IHost>().StartAsync();
        var catalog = engine.Get<IArticleCatalog>();
        Assert.Equal(2, (await catalog.ListAsync(CancellationToken.None)).Count);

        await File.WriteAllTextAsync(_corpus.Combine("003_mosul.txt"),
            "افتتاح سد جديد في الموصل\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل بكلفة 300 مليون دولار.");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await catalog.ListAsync(CancellationToken.None)).Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal(3, (await catalog.ListAsync(CancellationToken.None)).Count);
        await engine.Get<Microsoft.Extensions.Hosting.IHost>().StopAsync();
    }

    public void Dispose() => _corpus.Dispose();
}
