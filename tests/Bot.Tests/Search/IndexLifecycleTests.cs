using Bot.Core.Answering;
using Bot.Core.Corpus;
using Bot.Core.Search;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Search;

public sealed class IndexLifecycleTests : IDisposable
{
    private const string MosulArticle = "افتتاح سد جديد في الموصل\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل بكلفة 300 مليون دولار.";

    private readonly TempFolder _corpus = new();
    private readonly TempFolder _temp = new();

    public IndexLifecycleTests()
    {
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _corpus.Combine(Path.GetFileName(seed)));
        }
    }

    private string IndexPath => _temp.Combine("index");

    private static async Task<string> AnswerAsync(IServiceProvider services, string question = "من التقى وزير الدفاع السوري في طهران؟") =>
        (await services.GetRequiredService<IAnswerer>().AnswerAsync(Question.Standalone(question), CancellationToken.None)).Text;

    private static async Task<IReadOnlyList<string>> ArticlesFoundAsync(PipelineHost engine, string words) =>
        (await engine.Get<IPassageSearch>().SearchAsync(words, 5, CancellationToken.None)).Select(p => p.Passage.ArticleId).ToList();

    private string Current() => File.ReadAllText(Path.Combine(IndexPath, "CURRENT")).Trim();

    [Fact]
    public async Task An_unchanged_corpus_reopens_its_index_without_building_or_updating()
    {
        using (var engine = new PipelineHost(_corpus.Path, IndexPath))
        {
            Assert.Equal(2, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));
        }

        using (var engine = new PipelineHost(_corpus.Path, IndexPath))
        {
            Assert.Equal(2, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));
            Assert.DoesNotContain(engine.Logs.Entries, e => e.Message.StartsWith("Built index", StringComparison.Ordinal)
                                                           || e.Message.StartsWith("Index updated", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Adding_changing_and_removing_an_article_file_updates_only_that_file_in_the_live_index()
    {
        using var engine = new PipelineHost(_corpus.Path, IndexPath);
        var index = engine.Get<ArticleIndex>();
        await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None);
        var generation = Current();

        await File.WriteAllTextAsync(_corpus.Combine("003_mosul.txt"), MosulArticle);
        var added = await index.SyncAsync(CancellationToken.None);
        Assert.Equal(1, added!.ArticleCount);
        Assert.Equal(["003_mosul"], await ArticlesFoundAsync(engine, "سد الموصل"));

        await File.WriteAllTextAsync(_corpus.Combine("003_mosul.txt"), "افتتاح جسر في البصرة\n\nافتتحت الحكومة العراقية جسرا معلقا فوق شط العرب في البصرة.");
        await index.SyncAsync(CancellationToken.None);
        Assert.Empty(await ArticlesFoundAsync(engine, "سد الموصل دجلة"));
        Assert.Equal(["003_mosul"], await ArticlesFoundAsync(engine, "جسر البصرة"));

        File.Delete(_corpus.Combine("003_mosul.txt"));
        await index.SyncAsync(CancellationToken.None);
        Assert.Empty(await ArticlesFoundAsync(engine, "جسر البصرة"));
        Assert.Equal(2, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));

        Assert.Equal(generation, Current());
        Assert.Equal(3, engine.Logs.Entries.Count(e => e.Message.StartsWith("Index updated: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_added_article_is_searchable_at_once_and_the_same_story_again_is_refused_as_a_duplicate()
    {
        using var engine = new PipelineHost(_corpus.Path, IndexPath);
        var writer = engine.Get<IArticleWriter>();
        var article = new Article("feed-mosul", "افتتاح سد جديد في الموصل", new DateOnly(2024, 5, 5), "وكالة", "https://www.example.com/news/mosul-dam/",
            ["افتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل بكلفة 300 مليون دولار."], []);

        var added = await writer.AddAsync(article, CancellationToken.None);
        var sameUrl = await writer.AddAsync(article with { Id = "other", Paragraphs = ["نص آخر تماما عن السد."], Url = "http://example.com/news/mosul-dam?utm_source=x" }, CancellationToken.None);
        var sameText = await writer.AddAsync(article with { Id = "copy", Url = null, Paragraphs = ["افتتحت الحكومةُ العراقية سدًا جديدًا على نهر دجلة قرب الموصل، بكلفة 300 مليون دولار"] }, CancellationToken.None);

        Assert.False(added.Duplicate);
        Assert.Equal(3, added.ArticleCount);
        Assert.Contains("300 مليون", await AnswerAsync(engine.Services, "كم بلغت كلفة سد الموصل؟"));
        Assert.True(sameUrl.Duplicate);
        Assert.Equal("feed-mosul", sameUrl.Article.Id);
        Assert.True(sameText.Duplicate);
        Assert.Equal(3, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));

        Assert.True(await writer.RemoveAsync("feed-mosul", CancellationToken.None));
        Assert.Empty(await ArticlesFoundAsync(engine, "سد الموصل دجلة"));
    }

    [Fact]
    public async Task An_update_that_fails_midway_leaves_the_last_commit_searchable_and_the_next_sync_completes_it()
    {
        var failing = new FailingSource();
        using var engine = new PipelineHost(_corpus.Path, IndexPath, configure: (services, _) =>
            services.AddSingleton<IArticleSource>(sp => failing.Wrap(sp.GetRequiredService<FolderArticleSource>())));
        var index = engine.Get<ArticleIndex>();
        await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None);

        await File.WriteAllTextAsync(_corpus.Combine("003_mosul.txt"), MosulArticle);
        await File.WriteAllTextAsync(_corpus.Combine("004_basra.txt"), "جسر في البصرة\n\nافتتحت الحكومة العراقية جسرا معلقا فوق شط العرب في البصرة.");
        failing.FailOn = "004_basra.txt";

        await Assert.ThrowsAsync<IOException>(() => index.SyncAsync(CancellationToken.None));
        Assert.Equal(2, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));
        Assert.Empty(await ArticlesFoundAsync(engine, "سد الموصل"));
        Assert.Contains("باقري", await AnswerAsync(engine.Services));

        failing.FailOn = null;
        await index.SyncAsync(CancellationToken.None);
        Assert.Equal(4, await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None));
        Assert.Equal(["004_basra"], await ArticlesFoundAsync(engine, "جسر البصرة"));
    }

    [Fact]
    public async Task A_build_interrupted_before_the_swap_leaves_the_previous_index_live_and_is_cleaned_up()
    {
        using (var engine = new PipelineHost(_corpus.Path, IndexPath))
        {
            await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None);
        }
        var live = Current();

        // What a crash mid-build leaves behind: a half-written build folder.
        var abandoned = Directory.CreateDirectory(Path.Combine(IndexPath, "build-19990101000000000-abcdef"));
        File.WriteAllText(Path.Combine(abandoned.FullName, "_0.cfs"), "half written");

        using (var engine = new PipelineHost(_corpus.Path, IndexPath))
        {
            Assert.Contains("باقري", await AnswerAsync(engine.Services));
            Assert.Equal(live, Current());
            Assert.DoesNotContain(engine.Logs.Entries, e => e.Level >= LogLevel.Warning);
            await engine.Get<ArticleIndex>().RebuildAsync(null, CancellationToken.None);
        }
        Assert.False(Directory.Exists(abandoned.FullName));
    }

    [Theory]
    [InlineData("segments")]
    [InlineData("all files")]
    [InlineData("CURRENT")]
    public async Task A_corrupt_index_is_detected_rebuilt_with_a_warning_and_still_answers(string damaged)
    {
        using (var engine = new PipelineHost(_corpus.Path, IndexPath))
        {
            await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None);
        }
        var generation = Path.Combine(IndexPath, Current());
        if (damaged == "CURRENT")
        {
            File.WriteAllText(Path.Combine(IndexPath, "CURRENT"), "gen-missing");
        }
        foreach (var file in Directory.GetFiles(generation).Where(f => damaged == "all files" || Path.GetFileName(f).StartsWith(damaged, StringComparison.Ordinal)))
        {
            File.WriteAllText(file, "garbage");
        }

        using var rebuilt = new PipelineHost(_corpus.Path, IndexPath);
        Assert.Contains("باقري", await AnswerAsync(rebuilt.Services));
        if (damaged != "CURRENT")
        {
            Assert.Contains(rebuilt.Logs.At(LogLevel.Warning), m => m.Contains("unreadable", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Reindex_swaps_in_a_new_generation_while_searches_keep_working()
    {
        using var engine = new PipelineHost(_corpus.Path, IndexPath);
        var index = engine.Get<ArticleIndex>();
        var search = engine.Get<IPassageSearch>();
        var before = await search.SearchAsync("باقري", 3, CancellationToken.None);
        var generation = Current();

        var searching = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.NotEmpty(await search.SearchAsync("باقري طهران", 3, CancellationToken.None));
            }
        });
        var summary = await index.RebuildAsync(progress: null, CancellationToken.None);
        await searching;

        Assert.Equal(2, summary.ArticleCount);
        Assert.NotEqual(generation, Current());
        Assert.Equal(before.Select(p => p.Passage.Id), (await search.SearchAsync("باقري", 3, CancellationToken.None)).Select(p => p.Passage.Id));
    }

    [Fact]
    public async Task A_running_host_indexes_an_article_file_as_soon_as_it_is_added()
    {
        using var engine = new PipelineHost(_corpus.Path, IndexPath, configure: (services, _) => Bot.Core.ArticleIndexServiceCollectionExtensions.AddCorpusWatcher(services));
        await engine.Get<Microsoft.Extensions.Hosting.IHost>().StartAsync();
        var catalog = engine.Get<IArticleCatalog>();
        Assert.Equal(2, await catalog.CountAsync(CancellationToken.None));

        await File.WriteAllTextAsync(_corpus.Combine("003_mosul.txt"), MosulArticle);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await catalog.CountAsync(CancellationToken.None) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(3, await catalog.CountAsync(CancellationToken.None));
        await engine.Get<Microsoft.Extensions.Hosting.IHost>().StopAsync();
    }

    public void Dispose()
    {
        _corpus.Dispose();
        _temp.Dispose();
    }

    /// <summary>A source whose reading of one file fails with an I/O error, as a failing disk would.</summary>
    private sealed class FailingSource
    {
        public string? FailOn { get; set; }

        public IArticleSource Wrap(IArticleSource inner) => new Source(inner, this);

        private sealed class Source(IArticleSource inner, FailingSource owner) : IArticleSource
        {
            public IReadOnlyList<SourceFile> ListFiles() => inner.ListFiles();

            public async IAsyncEnumerable<Article> ReadAsync(SourceFile file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
            {
                if (file.Path == owner.FailOn)
                {
                    throw new IOException("disk error while reading " + file.Path);
                }
                await foreach (var article in inner.ReadAsync(file, cancellationToken))
                {
                    yield return article;
                }
            }
        }
    }
}
