using Bot.Cli.Bench;
using Bot.Core.Evaluation;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Bench;

public sealed class SqliteFtsEngineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Each_known_item_query_finds_its_article_first_and_the_shared_wire_story_counts_for_its_twin()
    {
        var data = await BenchPassages.WriteAsync(_temp.Path);
        await using var engine = new SqliteFtsEngine(data);
        await engine.BuildAsync(CancellationToken.None);

        var serve = await EngineRunner.ServeAsync(engine, await data.ReadQueriesAsync(CancellationToken.None), 10, CancellationToken.None);

        Assert.Equal("okaz-1", serve.Results[0][0].ArticleId);
        Assert.Equal("sabq-2", serve.Results[1][0].ArticleId);
        Assert.Contains(serve.Results[2][0].ArticleId, new[] { "was-3", "alyaum-4" });
        var stories = BenchPassages.All.GroupBy(p => p.ArticleId).ToDictionary(g => g.Key, g => KnownItemScoring.StoryKey(string.Join('\n', g.Select(p => p.Text))));
        var score = KnownItemScoring.Score(await data.ReadQueriesAsync(CancellationToken.None), serve.Results, stories);
        Assert.Equal(1, score.StoryRecallAt1);
        Assert.True(await engine.IndexBytesAsync(CancellationToken.None) > 0);
    }

    [Fact]
    public async Task Diacritics_and_search_syntax_in_a_query_are_plain_words()
    {
        var data = await BenchPassages.WriteAsync(_temp.Path);
        await using var engine = new SqliteFtsEngine(data);
        await engine.BuildAsync(CancellationToken.None);
        await using var searcher = await engine.OpenAsync(CancellationToken.None);

        var found = await searcher.SearchAsync("وزارةُ التَّعليم AND NEAR \"معلم\" -برنامجا *", 5, CancellationToken.None);

        Assert.Equal("sabq-2", found[0].ArticleId);
    }

    [Fact]
    public void A_query_becomes_its_distinct_words_quoted_and_ored()
    {
        Assert.Equal("\"معرض\" OR \"للكتاب\" OR \"a\"\"b\"", SqliteFtsEngine.MatchExpression("معرض للكتاب معرض a\"b"));
    }

    public void Dispose() => _temp.Dispose();
}
