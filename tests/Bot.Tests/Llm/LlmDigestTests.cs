using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Tests.Summaries;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Llm;

/// <summary>With a model, the digest's stories stay the offline ones and their lines are the model's, checked like answers.</summary>
public sealed class LlmDigestTests : IAsyncDisposable
{
    private readonly FakeOpenAiServer _server = new();
    private readonly TempFolder _corpus = new();

    public LlmDigestTests() => NewsDay.Write(_corpus.Combine("news.jsonl"));

    [Fact]
    public async Task The_model_writes_the_biggest_storys_line_from_its_lead_passages_and_its_citation_mark_is_left_to_the_front_end()
    {
        using var engine = await LlmEngine.StartAsync(_server, corpus: _corpus.Path);
        _server.Enqueue(FakeOpenAiServer.Text("هبطت مروحية أباتشي سعودية اضطراريًا في منفذ الطوال دون أضرار [1]."));

        var digest = await engine.Get<IDigestService>().BuildAsync(new DigestRequest(Limit: 1), CancellationToken.None);

        var story = Assert.Single(digest.Stories);
        Assert.Equal("هبطت مروحية أباتشي سعودية اضطراريًا في منفذ الطوال دون أضرار.", story.Text);
        Assert.Equal(4, story.Outlets);
        Assert.Contains("منفذ الطوال", Assert.Single(_server.Chats).ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    [Theory]
    [InlineData("هبطت مروحية أباتشي في منفذ الطوال [7].", 200)] // cites a passage it was not given
    [InlineData("An Apache helicopter landed [1].", 200)]     // not Arabic
    [InlineData("", 500)]                                      // the model is unavailable
    public async Task A_line_that_fails_the_checks_leaves_the_offline_sentence_of_the_cited_article(string reply, int status)
    {
        using var engine = await LlmEngine.StartAsync(_server, corpus: _corpus.Path);
        _server.Enqueue(new FakeOpenAiServer.Reply(reply, Status: status));

        var digest = await engine.Get<IDigestService>().BuildAsync(new DigestRequest(Limit: 1), CancellationToken.None);

        var story = Assert.Single(digest.Stories);
        Assert.Contains("أباتشي", story.Text);
        Assert.DoesNotContain("[", story.Text);
        var cited = (await engine.Get<IArticleCatalog>().GetAsync(story.ArticleIds[0], CancellationToken.None))!;
        Assert.Contains(story.Text, string.Join(" ", cited.Paragraphs));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _corpus.Dispose();
    }
}
