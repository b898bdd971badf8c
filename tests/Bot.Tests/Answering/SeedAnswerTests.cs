using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Answering;

public sealed class SeedAnswerTests : IDisposable
{
    private readonly PipelineHost _engine = new();

    private Task<Answer> AskAsync(string question) =>
        _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone(question), CancellationToken.None);

    [Theory]
    [InlineData("من التقى وزير الدفاع السوري في طهران؟", "باقري")]
    [InlineData("متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري؟", "2020")]
    [InlineData("كم عدوانا إسرائيليا شهد تشرين الثاني؟", "12")]
    [InlineData("أين التقى العماد علي محمود عباس نظيره الإيراني عزيز نصير زاده؟", "دمشق")]
    [InlineData("ما الصواريخ التي ستكون بحوزة الجيش السوري؟", "خرداد")]
    public async Task A_question_about_the_seeds_is_answered_from_them_with_citations(string question, string expected)
    {
        var answer = await AskAsync(question);

        Assert.True(answer.Found);
        Assert.Equal(Answer.ExtractiveMode, answer.Mode);
        Assert.Contains(expected, answer.Text);
        Assert.Contains("[1]", answer.Text);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c => Assert.Contains($"[{c.N}]", answer.Text));
        Assert.All(answer.Citations, c => Assert.Contains(c.Quote, answer.Passages.Single(p => p.Passage.Id == c.PassageId).Passage.Text));
    }

    [Fact]
    public async Task An_answer_has_at_most_three_sentences_numbered_in_order_of_first_use()
    {
        var answer = await AskAsync("ماذا قال باقري عن المقاومة الفلسطينية؟");

        Assert.InRange(answer.Citations.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        var firstMarks = answer.Citations.Select(c => answer.Text.IndexOf($"[{c.N}]", StringComparison.Ordinal)).ToList();
        Assert.Equal(firstMarks.Order(), firstMarks);
    }

    [Fact]
    public async Task A_question_the_articles_do_not_cover_says_so_in_Arabic_without_citations()
    {
        var answer = await AskAsync("ما هي عاصمة البرازيل وكم عدد سكانها؟");

        Assert.False(answer.Found);
        Assert.StartsWith(ArabicMessages.NotFound, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("[1]", answer.Text);
    }

    [Fact]
    public async Task A_question_in_English_gets_an_Arabic_note_that_offline_answers_need_an_Arabic_question()
    {
        var answer = await AskAsync("When did Iran and Syria sign a military cooperation agreement?");

        Assert.False(answer.Found);
        Assert.Equal(ArabicMessages.ArabicQuestionNeeded, answer.Text);
        Assert.DoesNotContain(ArabicMessages.ClosestArticles, answer.Text);
        Assert.Empty(answer.Citations);
    }

    // The article says «12 عدواناً» (not اعتداءات), «التقى … نظيره الإيراني» (not زار), «ذكرت وكالة فارس» (not نقلت).
    [Theory]
    [InlineData("كم عدد الاعتداءات الإسرائيلية على سوريا في تشرين الثاني؟", "12")]
    [InlineData("ما هو اسم وزير الدفاع الإيراني الذي زار دمشق؟", "زاده")]
    [InlineData("ما الوكالة التي نقلت تفاصيل لقاء عباس وباقري؟", "فارس")]
    public async Task A_question_using_other_words_for_the_relation_is_still_answered_with_a_cited_sentence(string question, string expected)
    {
        var answer = await AskAsync(question);

        Assert.True(answer.Found);
        Assert.Contains(expected, answer.Text);
        Assert.Contains("[1]", answer.Text);
        Assert.NotEmpty(answer.Citations);
    }

    [Theory]
    [InlineData("ما هي عاصمة اليابان؟")]
    [InlineData("كم عدد سكان البرازيل؟")]
    [InlineData("من فاز بكأس العالم لكرة القدم عام 2010؟")]
    public async Task An_off_topic_question_is_not_found_even_tentatively(string question)
    {
        var answer = await AskAsync(question);

        Assert.False(answer.Found);
        Assert.False(answer.Tentative);
        Assert.StartsWith(ArabicMessages.NotFound, answer.Text);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "", ArabicMessages.EmptyQuestion },
        { "   \n\t ", ArabicMessages.EmptyQuestion },
        { "؟؟؟ !!! ...", ArabicMessages.OnlyPunctuation },
        { "😀🎉👍", ArabicMessages.EmptyQuestion },
        { "<b></b><i> </i>", ArabicMessages.EmptyQuestion },
        { new string('س', 10_000), "طويل جدًا" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_clear_Arabic_message_and_no_search(string input, string expected)
    {
        var answer = await AskAsync(input);

        Assert.True(answer.Rejected);
        Assert.False(answer.Found);
        Assert.Contains(expected, answer.Text);
        Assert.Empty(answer.Passages);
    }

    [Fact]
    public async Task Html_and_emoji_around_a_real_question_are_ignored()
    {
        var answer = await AskAsync("<b>من التقى</b> وزير الدفاع السوري في طهران؟ 🙏 &amp;");

        Assert.True(answer.Found);
        Assert.Contains("باقري", answer.Text);
    }

    [Fact]
    public async Task A_follow_up_question_is_searched_with_the_previous_question()
    {
        var history = new[]
        {
            new ConversationTurn("ماذا تتضمن الاتفاقية العسكرية بين إيران وسوريا؟", "…", DateTimeOffset.UtcNow),
        };

        var answer = await _engine.Get<IAnswerer>().AnswerAsync(new Question("ومتى وقعت؟", history), CancellationToken.None);

        Assert.True(answer.Found);
        Assert.Contains("2020", answer.Text);
    }

    public void Dispose() => _engine.Dispose();
}
