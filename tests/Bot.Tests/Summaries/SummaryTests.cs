using Bot.Core.Answering;
using Bot.Core.Summaries;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Summaries;

public sealed class SummaryTests : IDisposable
{
    private readonly PipelineHost _engine = new();

    [Fact]
    public async Task An_article_with_its_own_summary_gets_the_publisher_summary()
    {
        var summary = await _engine.Get<ISummarizer>().SummarizeAsync("000_abe0edcc387d59e3", CancellationToken.None);

        Assert.NotNull(summary);
        Assert.Equal(Summary.PublisherKind, summary.Kind);
        Assert.Equal(3, summary.Sentences.Count);
        Assert.Contains("الهجمات الجوية الإسرائيلية", summary.Sentences[1]);
    }

    [Fact]
    public async Task An_article_without_one_gets_three_to_five_cited_sentences_in_article_order()
    {
        var summary = await _engine.Get<ISummarizer>().SummarizeAsync("001_52ff072982a90872", CancellationToken.None);

        Assert.NotNull(summary);
        Assert.Equal(Summary.ExtractiveKind, summary.Kind);
        Assert.InRange(summary.Sentences.Count, 3, 5);
        Assert.All(summary.Sentences, s => Assert.Matches(@"\[\d\]", s));
        Assert.NotEmpty(summary.Citations);

        var article = (await _engine.Get<Bot.Core.Search.IArticleCatalog>().GetAsync("001_52ff072982a90872", CancellationToken.None))!;
        var body = string.Join(" ", article.Paragraphs);
        var positions = summary.Sentences
            .Select(s => body.IndexOf(System.Text.RegularExpressions.Regex.Replace(s, @" \[\d\]", "").TrimEnd('.')[..20], StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task The_article_list_is_newest_first_with_undated_ones_last()
    {
        var page = await _engine.Get<Bot.Core.Search.IArticleCatalog>().PageAsync(new Bot.Core.Search.ArticleListQuery(), CancellationToken.None);

        Assert.Equal(["000_abe0edcc387d59e3", "001_52ff072982a90872"], page.Items.Select(a => a.Id));
        Assert.Equal(new DateOnly(2024, 3, 18), page.Items[0].Date);
        Assert.Null(page.Items[1].Date);
    }

    [Fact]
    public async Task A_topic_summary_cites_passages_about_the_topic()
    {
        var summary = await _engine.Get<ISummarizer>().SummarizeTopicAsync("التعاون العسكري بين إيران وسوريا", CancellationToken.None);

        Assert.NotEmpty(summary.Citations);
        Assert.InRange(summary.Sentences.Count, 1, 5);
        Assert.Contains(summary.Sentences, s => s.Contains("التعاون العسكري"));
    }

    [Theory]
    [InlineData("1", "000_abe0edcc387d59e3")]
    [InlineData("٢", "001_52ff072982a90872")]
    [InlineData("يزور طهران", "000_abe0edcc387d59e3")]
    [InlineData("001_52ff072982a90872", "001_52ff072982a90872")]
    public async Task An_article_is_found_by_number_id_or_title_words(string reference, string expected)
    {
        var article = await _engine.Get<Bot.Core.Search.IArticleCatalog>().ResolveAsync(reference, CancellationToken.None);

        Assert.Equal(expected, article?.Id);
    }

    [Fact]
    public async Task An_unknown_article_reference_finds_nothing()
    {
        Assert.Null(await _engine.Get<Bot.Core.Search.IArticleCatalog>().ResolveAsync("9", CancellationToken.None));
        Assert.Null(await _engine.Get<ISummarizer>().SummarizeAsync("missing", CancellationToken.None));
    }

    public void Dispose() => _engine.Dispose();
}

public sealed class TopicRequestTests
{
    [Theory]
    [InlineData("لخّص ما تقوله المقالات عن التعاون العسكري", "التعاون العسكري")]
    [InlineData("لخص ما تقوله المقالات عن زيارة دمشق؟", "زيارة دمشق")]
    [InlineData("لخص لي عن الغارات الإسرائيلية", "الغارات الإسرائيلية")]
    [InlineData("ملخص حول صواريخ خرداد", "صواريخ خرداد")]
    public void A_topic_summary_request_names_its_topic(string text, string topic)
    {
        Assert.True(Bot.Core.Summaries.TopicRequest.TryParse(text, out var found));
        Assert.Equal(topic, found);
    }

    [Theory]
    [InlineData("من التقى وزير الدفاع السوري؟")]
    [InlineData("ما الذي لخصه الوزير عن الزيارة")]
    public void An_ordinary_question_is_not_a_topic_request(string text) =>
        Assert.False(Bot.Core.Summaries.TopicRequest.TryParse(text, out _));
}
