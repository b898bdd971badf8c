using Bot.Core.Answering;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Llm;

public sealed class LlmSupportTests : IAsyncLifetime
{
    private readonly FakeOpenAiServer _server = new();
    private PipelineHost _engine = null!;

    public async Task InitializeAsync() => _engine = await LlmEngine.StartAsync(_server, timeoutSeconds: 2);

    [Fact]
    public async Task A_question_the_articles_do_not_support_is_not_sent_to_the_model_and_gets_the_honest_reply()
    {
        _server.Enqueue(FakeOpenAiServer.Text("عاصمة اليابان هي طوكيو، وقد التقى الوزير في العاصمة دمشق [1]."));

        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("ما هي عاصمة اليابان؟"), CancellationToken.None);

        Assert.False(answer.Found);
        Assert.StartsWith(ArabicMessages.NotFound, answer.Text);
        Assert.DoesNotContain(_server.Requests, r => r["messages"] is not null);
    }

    [Fact]
    public async Task Only_passages_that_carry_the_key_content_are_offered_to_the_model()
    {
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("ما الصواريخ التي ستكون بحوزة الجيش السوري؟"), CancellationToken.None);

        var prompt = string.Join("\n", _server.Requests.Last()["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
        Assert.True(answer.Found);
        Assert.Contains("خرداد", prompt);
        Assert.All(answer.Passages, p => Assert.Contains("الجيش", p.Passage.Text));
    }

    public Task DisposeAsync()
    {
        _engine.Dispose();
        return _server.DisposeAsync().AsTask();
    }
}
