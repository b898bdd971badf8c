using Bot.Core.Answering;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Llm;

/// <summary>Retrieval decides what the model reads; the model decides the answer, including «not found».</summary>
public sealed class LlmSupportTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = new();
    private PipelineHost _engine = null!;

    public async Task InitializeAsync() => _engine = await LlmEngine.StartAsync(_server, timeoutSeconds: 2);

    private Task<Answer> AskAsync(string text) => _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone(text), CancellationToken.None);

    private string Prompt => _server.Chats[^1]["messages"]![1]!["content"]!.ToString();

    [Fact]
    public async Task A_question_the_word_rules_would_refuse_still_reaches_the_model_with_the_passage_that_answers_it()
    {
        _server.Enqueue(FakeOpenAiServer.Text("شهد تشرين الثاني 12 عدواناً إسرائيلياً على سوريا [1]."));

        var answer = await AskAsync("كم عدد الاعتداءات الإسرائيلية على سوريا في تشرين الثاني؟");

        Assert.Contains("12 عدواناً", Prompt);
        Assert.True(answer.Found);
        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.Contains("12 عدواناً", answer.Text);
        Assert.True(answer.ModelAsked);
    }

    [Fact]
    public async Task The_model_reads_the_best_passages_in_retrieval_order()
    {
        await AskAsync("من التقى وزير الدفاع السوري في طهران؟");

        var request = _server.Chats[^1];
        var user = request["messages"]![1]!["content"]!.ToString();
        var search = await _engine.Get<Bot.Core.Search.IPassageSearch>().SearchAsync("من التقى وزير الدفاع السوري في طهران؟", 5, CancellationToken.None);
        var positions = search.Select(p => user.IndexOf(p.Passage.Text, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, search.Count);
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("[5] ", user);
        Assert.DoesNotContain("[6] ", user);
    }

    [Theory]
    [InlineData("لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال.")]
    [InlineData("لا تتضمن المقاطع المعطاة معلومات عن عاصمة اليابان.")]
    [InlineData("""{"found":false,"sentences":[]}""")]
    public async Task The_models_not_found_is_the_honest_reply_with_the_closest_articles_never_an_extractive_guess(string reply)
    {
        _server.Enqueue(FakeOpenAiServer.Text(reply));

        var answer = await AskAsync("من التقى وزير الدفاع السوري في طهران؟");

        Assert.False(answer.Found);
        Assert.False(answer.Fallback);
        Assert.True(answer.ModelSaidNotFound);
        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.StartsWith(ArabicMessages.NotFound, answer.Text);
        Assert.Contains(ArabicMessages.ClosestArticles, answer.Text);
        Assert.DoesNotContain("باقري", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task A_cited_answer_in_other_words_than_the_question_is_shown_not_replaced()
    {
        // «زار» is not in the question; the key-content rules may only mark the answer tentative.
        _server.Enqueue(FakeOpenAiServer.Text("زار الوزير علي محمود عباس طهران والتقى محمد باقري [1]."));

        var answer = await AskAsync("من اجتمع به وزير الدفاع السوري في العاصمة الإيرانية؟");

        Assert.False(answer.Fallback);
        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.Contains("زار الوزير علي محمود عباس طهران والتقى محمد باقري [1].", answer.Text);
    }

    [Fact]
    public async Task A_quote_that_is_not_in_the_cited_passage_drops_the_sentence()
    {
        // The first sentence quotes passage [1] word for word; the second quotes words no passage holds.
        _server.Enqueue(new FakeOpenAiServer.Reply(Respond: request =>
        {
            var prompt = request["messages"]![1]!["content"]!.ToString();
            var first = prompt[(prompt.IndexOf("[1] ", StringComparison.Ordinal))..].Split('\n')[1];
            var quote = string.Join(' ', first.Split(' ').Take(6));
            return $$"""
                {"found":true,"sentences":[
                  {"text":"التقى الوزير محمد باقري","passages":[1],"quote":"{{quote}}"},
                  {"text":"ووقع الطرفان اتفاقية نووية","passages":[1],"quote":"وقع الطرفان اتفاقية نووية سرية"}]}
                """;
        }));

        var answer = await AskAsync("من التقى وزير الدفاع السوري في طهران؟");

        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.Contains("التقى الوزير محمد باقري [1].", answer.Text);
        Assert.DoesNotContain("نووية", answer.Text);
    }

    [Fact]
    public async Task Only_invented_quotes_make_the_extractive_answer_stand_in_and_say_so()
    {
        _server.Enqueue(FakeOpenAiServer.Text("""{"found":true,"sentences":[{"text":"وقع الطرفان اتفاقية نووية","passages":[1],"quote":"وقع الطرفان اتفاقية نووية سرية"}]}"""));

        var answer = await AskAsync("من التقى وزير الدفاع السوري في طهران؟");

        Assert.True(answer.Fallback);
        Assert.Equal("quote-not-in-passage", answer.FallbackReason);
        Assert.EndsWith(ArabicMessages.ModelAnswerRejected, answer.Text);
    }

    public Task DisposeAsync()
    {
        _engine.Dispose();
        return _server.DisposeAsync().AsTask();
    }
}
