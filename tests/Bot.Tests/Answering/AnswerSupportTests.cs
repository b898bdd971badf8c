using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Answering;

public sealed class AnswerSupportTests : IDisposable
{
    private readonly PipelineHost _engine = new();

    private Task<Answer> AskAsync(string question) =>
        _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone(question), CancellationToken.None);

    [Theory]
    [InlineData("ما هي عاصمة اليابان؟")]
    [InlineData("كم عدد ضحايا إعصار هايان؟")]
    [InlineData("متى افتتح متحف اللوفر أبوظبي؟")]
    public async Task A_question_sharing_only_a_generic_word_with_the_seeds_gets_the_honest_reply(string question)
    {
        var answer = await AskAsync(question);

        Assert.False(answer.Found);
        Assert.StartsWith(ArabicMessages.NotFound, answer.Text);
        Assert.DoesNotContain("[1]", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task An_answer_whose_sentence_carries_the_question_is_given_plainly()
    {
        var answer = await AskAsync("متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري؟");

        Assert.True(answer.Found);
        Assert.False(answer.Tentative);
        Assert.DoesNotContain("⚠️", answer.Text);
        Assert.Contains("2020", answer.Text);
    }

    [Fact]
    public async Task An_answer_whose_sentence_carries_only_part_of_the_question_says_it_is_the_closest_the_articles_come()
    {
        var answer = await AskAsync("متى زار وزير الدفاع الإيراني دمشق؟");

        Assert.True(answer.Found);
        Assert.True(answer.Tentative);
        Assert.StartsWith(ArabicMessages.Tentative + "\n", answer.Text);
        Assert.Contains("[1]", answer.Text);
        Assert.NotEmpty(answer.Citations);
    }

    [Fact]
    public async Task A_tentative_answer_quotes_one_sentence_more_than_a_firm_one()
    {
        var tentative = await AskAsync("من التقى وزير الدفاع السوري في طهران؟");
        var firm = await AskAsync("متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري؟");

        Assert.True(tentative.Tentative);
        Assert.Equal(3, Sentences(tentative));
        Assert.Contains("باقري", tentative.Text);
        Assert.False(firm.Tentative);
        Assert.InRange(Sentences(firm), 1, 2);
    }

    private static int Sentences(Answer answer) => System.Text.RegularExpressions.Regex.Matches(answer.Text, @"\[\d+\]").Count;

    [Fact]
    public async Task The_honest_reply_lists_the_closest_articles()
    {
        var answer = await AskAsync("ما هي عاصمة اليابان؟");

        Assert.Contains(ArabicMessages.ClosestArticles, answer.Text);
        Assert.Contains("• ", answer.Text);
    }

    [Fact]
    public void A_term_the_archive_never_contains_keeps_the_highest_weight_and_is_never_matched()
    {
        var info = new Dictionary<string, TermInfo>
        {
            ["عاصم"] = new(1.0, InArchive: true),
            ["يابان"] = new(0.0, InArchive: false),
        };

        var key = KeyContent.From(["عاصم", "يابان"], info, maxIdf: 5.0);

        Assert.Equal(5.0 / 6.0, key.MissingShare, 3);
        Assert.Equal(1.0 / 6.0, key.Coverage(new HashSet<string> { "عاصم", "دمشق" }), 3);
    }

    [Fact]
    public void Numbers_in_the_question_weigh_more_than_words_of_the_same_rarity()
    {
        var info = new Dictionary<string, TermInfo> { ["2020"] = new(2.0, true), ["اتفاق"] = new(2.0, true) };

        var key = KeyContent.From(["2020", "اتفاق"], info, maxIdf: 5.0);

        Assert.True(key.Coverage(new HashSet<string> { "2020" }) > key.Coverage(new HashSet<string> { "اتفاق" }));
    }

    [Theory]
    [InlineData("ميلانو", "ميلان", true)]
    [InlineData("عاصم", "عاصمه", true)]
    [InlineData("يابان", "دمشق", false)]
    [InlineData("2015", "2016", false)]
    public void Near_spellings_of_a_word_count_as_the_word(string a, string b, bool similar) =>
        Assert.Equal(similar, KeyContent.Similar(a, b));

    [Fact]
    public void A_word_of_the_same_root_carries_the_term_where_its_spelling_does_not()
    {
        var term = Assert.Single(ArabicSearchAnalyzer.Instance.Terms("الاعتداءات"));
        var other = Assert.Single(ArabicSearchAnalyzer.Instance.Terms("عدوان"));
        var key = KeyContent.From([term], new Dictionary<string, TermInfo> { [term] = new(3.0, true) }, maxIdf: 5.0);

        Assert.False(KeyContent.Similar(term, other));
        Assert.Equal(0, key.Coverage(new HashSet<string> { other }));
        Assert.Equal(1, key.LooseCoverage(new HashSet<string> { other }));
        Assert.Equal(0, key.LooseCoverage(new HashSet<string> { "دمشق" }));
    }

    [Theory]
    [InlineData("وأضاف أن الزيارة تأتي في إطار التعاون.", true)]
    [InlineData("وقال الوزير إن المباحثات كانت مثمرة.", true)]
    [InlineData("التقى وزير الدفاع نظيره الإيراني في دمشق.", false)]
    public void A_sentence_that_opens_by_pointing_back_is_recognised(string sentence, bool refersBack) =>
        Assert.Equal(refersBack, ExtractiveAnswerer.RefersBack(sentence));

    public void Dispose() => _engine.Dispose();
}
