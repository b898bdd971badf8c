using Bot.Core.Chunking;
using Bot.Core.Search;
using Bot.Llm;
using Bot.Tests.Llm;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Search;

public sealed class HybridSearchTests : IAsyncDisposable
{
    private readonly FakeOpenAiServer _server = new();
    private readonly TempFolder _index = new();

    private async Task<PipelineHost> StartAsync(string? endpoint = null, IDictionary<string, string?>? extra = null, string? corpus = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = endpoint ?? _server.BaseUrl,
            ["Llm:ChatModel"] = "fake-arabic-model",
            ["Llm:EmbeddingModel"] = "fake-embedding",
            ["Llm:TimeoutSeconds"] = "5",
            ["Search:Mode"] = "hybrid",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var engine = new PipelineHost(corpus, indexPath: _index.Combine("index"), settings: settings,
            configure: (services, configuration) => services.AddLlm(configuration, offline: false));
        await engine.Get<IHost>().StartAsync();
        return engine;
    }

    [Fact]
    public async Task Dense_retrieval_finds_the_passage_by_embedding_and_hybrid_search_fuses_it_with_bm25()
    {
        using var engine = await StartAsync();
        var dense = engine.Get<IEnumerable<IRetriever>>().Single(r => r.Name == "dense");

        var byMeaning = await dense.RetrieveAsync("صواريخ خرداد بحوزة الجيش السوري", 3, CancellationToken.None);
        var fused = await engine.Get<IPassageSearch>().SearchAsync("صواريخ خرداد بحوزة الجيش السوري", 3, CancellationToken.None);

        Assert.Contains("خرداد", byMeaning[0].Passage.Text);
        Assert.Contains("خرداد", fused[0].Passage.Text);
        Assert.True(_server.EmbeddedTexts > 1);
    }

    [Fact]
    public async Task Passage_vectors_are_cached_on_disk_so_a_restart_embeds_only_the_queries()
    {
        using (var first = await StartAsync())
        {
            await first.Get<IPassageSearch>().SearchAsync("وزير الدفاع", 3, CancellationToken.None);
        }
        var before = _server.EmbeddedTexts;

        using var second = await StartAsync();
        await second.Get<IPassageSearch>().SearchAsync("صواريخ خرداد", 3, CancellationToken.None);

        Assert.Equal(before + 1, _server.EmbeddedTexts);
    }

    [Fact]
    public async Task A_vector_file_torn_by_a_crash_is_repaired_once_and_later_restarts_embed_only_the_queries()
    {
        using (var first = await StartAsync())
        {
            await first.Get<IPassageSearch>().SearchAsync("وزير الدفاع", 3, CancellationToken.None);
        }
        // A crash while the last record was written: only the first 20 bytes of its header reached the disk.
        var file = Directory.GetFiles(_index.Combine("index", "embeddings")).Single();
        const int record = 32 + sizeof(int) + FakeOpenAiServer.EmbeddingDimensions * sizeof(float);
        await using (var torn = new FileStream(file, FileMode.Open))
        {
            torn.SetLength(torn.Length - record + 20);
        }
        var beforeRepair = _server.EmbeddedTexts;
        using (var second = await StartAsync())
        {
            await second.Get<IPassageSearch>().SearchAsync("وزير الدفاع", 3, CancellationToken.None);
        }
        Assert.Equal(beforeRepair + 2, _server.EmbeddedTexts); // the lost passage and the query
        var before = _server.EmbeddedTexts;

        using var third = await StartAsync();
        var hits = await third.Get<IEnumerable<IRetriever>>().Single(r => r.Name == "dense")
            .RetrieveAsync("صواريخ خرداد بحوزة الجيش السوري", 3, CancellationToken.None);

        Assert.Equal(before + 1, _server.EmbeddedTexts);
        Assert.Contains("خرداد", hits[0].Passage.Text);
    }

    [Fact]
    public async Task An_article_added_later_is_found_by_meaning_and_only_its_passages_are_embedded()
    {
        var corpus = _index.Combine("articles");
        Directory.CreateDirectory(corpus);
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));
        }
        using var engine = await StartAsync(corpus: corpus);
        var dense = engine.Get<IEnumerable<IRetriever>>().Single(r => r.Name == "dense");
        await dense.RetrieveAsync("وزير الدفاع", 3, CancellationToken.None);
        var before = _server.EmbeddedTexts;

        await engine.Get<Bot.Core.Corpus.IArticleWriter>().AddAsync(new Bot.Core.Corpus.Article(
            "harvest-2026", "موسم حصاد القمح في سهل حوران", new DateOnly(2026, 6, 2), "وكالة المثال", null,
            ["بدأ المزارعون في سهل حوران حصاد القمح مبكرا هذا العام بعد شتاء ماطر."], []), CancellationToken.None);
        var hits = await dense.RetrieveAsync("حصاد القمح في حوران", 3, CancellationToken.None);

        Assert.Equal("harvest-2026", hits[0].Passage.ArticleId);
        Assert.Contains("حصاد القمح", hits[0].Passage.Text);
        Assert.Equal(before + 2, _server.EmbeddedTexts); // its one passage and the query
    }

    [Fact]
    public async Task With_the_embedding_endpoint_down_search_stays_lexical_and_warns_once()
    {
        _server.EmbeddingsDown = true;
        using var engine = await StartAsync();
        var search = engine.Get<IPassageSearch>();

        var first = await search.SearchAsync("صواريخ خرداد", 3, CancellationToken.None);
        var second = await search.SearchAsync("وزير الدفاع السوري", 3, CancellationToken.None);

        Assert.Contains("خرداد", first[0].Passage.Text);
        Assert.NotEmpty(second);
        Assert.Single(engine.Logs.At(LogLevel.Warning), m => m.Contains("Embedding endpoint unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_search_mode_stops_the_start_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(extra: new Dictionary<string, string?> { ["Search:Mode"] = "semantic" }));

        Assert.Contains("Search:Mode", failure.Message);
    }

    [Fact]
    public void Reciprocal_rank_fusion_ranks_first_what_both_signals_rank_high()
    {
        static RankedPassage Hit(int rank, string id) => new(rank, new Passage(id, id.Split('#')[0], 1, id), 10 - rank);
        var bm25 = new[] { Hit(1, "a#1"), Hit(2, "b#1"), Hit(3, "c#1") };
        var dense = new[] { Hit(1, "b#1"), Hit(2, "d#1"), Hit(3, "a#1") };

        var fused = ReciprocalRankFusion.Fuse([(bm25, 1.0), (dense, 1.0)], k: 60, take: 4);

        Assert.Equal(["b#1", "a#1", "d#1", "c#1"], fused.Select(h => h.Passage.Id));
        Assert.Equal([1, 2, 3, 4], fused.Select(h => h.Rank));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _index.Dispose();
    }
}
