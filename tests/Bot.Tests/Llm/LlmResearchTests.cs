using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Core.Answering;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Llm;

/// <summary>The model searching again through function calls, and endpoints without tools or structured output.</summary>
public sealed class LlmResearchTests : IAsyncDisposable
{
    private readonly FakeOpenAiServer _server = new();
    private readonly TempFolder _corpus = new();

    /// <summary>Two articles that share no word: one search cannot bring both.</summary>
    private async Task<PipelineHost> StartAsync(IDictionary<string, string?>? extra = null)
    {
        await File.WriteAllTextAsync(_corpus.Combine("roses.txt"),
            "مهرجان الورد الطائفي\n\nانطلقت فعاليات مهرجان الورد الطائفي بمشاركة مئات المزارعين الذين عرضوا أجود أنواع الورد ومنتجاته من عطور وزيوت.");
        await File.WriteAllTextAsync(_corpus.Combine("books.txt"),
            "معرض الرياض للكتاب\n\nاستقبل معرض الرياض الدولي للكتاب آلاف الزوار الباحثين عن أحدث الإصدارات الأدبية والعلمية لدور النشر العربية.");
        return await LlmEngine.StartAsync(_server, corpus: _corpus.Path, extra: extra ?? new Dictionary<string, string?> { ["Answer:MaxPassages"] = "1" });
    }

    /// <summary>The number the model was given for the passage whose header names this title, first or from a tool.</summary>
    private static int NumberOf(JsonObject request, string title) =>
        request["messages"]!.AsArray()
            .Select(m => m!["content"]?.ToString() ?? "")
            .Select(c => Regex.Match(c, $@"\[(\d+)\] {title}"))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .First();

    [Fact]
    public async Task A_comparison_over_two_articles_is_answered_with_citations_from_both_through_a_second_search()
    {
        using var engine = await StartAsync();
        _server.Enqueue(
            FakeOpenAiServer.Call("articles-search_articles", """{"query":"معرض الرياض للكتاب"}"""),
            new FakeOpenAiServer.Reply(Respond: request =>
                $"شارك مئات المزارعين في مهرجان الورد الطائفي [{NumberOf(request, "مهرجان الورد الطائفي")}]، " +
                $"بينما استقبل معرض الرياض الدولي للكتاب آلاف الزوار [{NumberOf(request, "معرض الرياض للكتاب")}]."));

        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("قارن بين مهرجان الورد الطائفي وما يقدمه للزوار"), CancellationToken.None);

        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.True(answer.Found);
        Assert.Equal(["books", "roses"], answer.Citations.Select(c => c.ArticleId).Order());
        Assert.Contains("[1]", answer.Text);
        Assert.Contains("[2]", answer.Text);
        var call = Assert.Single(answer.ToolCalls);
        Assert.Equal("search_articles", call.Name);
        Assert.Equal(1, call.Passages);
        var first = _server.Chats[0];
        Assert.Contains(first["tools"]!.AsArray(), t => t!["function"]!["name"]!.ToString() == "articles-search_articles");
        Assert.Contains(first["tools"]!.AsArray(), t => t!["function"]!["name"]!.ToString() == "articles-get_article");
        Assert.Contains(_server.Chats[1]["messages"]!.AsArray(), m => m!["role"]!.ToString() == "tool");
    }

    [Fact]
    public async Task A_streamed_answer_runs_the_search_the_model_asks_for_then_streams_the_cited_comparison()
    {
        using var engine = await StartAsync();
        _server.Enqueue(
            FakeOpenAiServer.Call("articles-search_articles", """{"query":"معرض الرياض للكتاب"}"""),
            new FakeOpenAiServer.Reply(Respond: request =>
                $"شارك مئات المزارعين في مهرجان الورد الطائفي [{NumberOf(request, "مهرجان الورد الطائفي")}]، " +
                $"بينما استقبل معرض الرياض الدولي للكتاب آلاف الزوار [{NumberOf(request, "معرض الرياض للكتاب")}]."));
        var deltas = new List<string>();
        Answer? final = null;

        await foreach (var update in engine.Get<IAnswerer>().StreamAsync(Question.Standalone("قارن بين مهرجان الورد الطائفي وما يقدمه للزوار"), CancellationToken.None))
        {
            if (update.Delta is { } delta)
            {
                deltas.Add(delta);
            }
            final ??= update.Final;
        }

        Assert.True(deltas.Count > 3);
        Assert.NotNull(final);
        Assert.Equal(Answer.LlmMode, final.Mode);
        Assert.Equal(["books", "roses"], final.Citations.Select(c => c.ArticleId).Order());
        Assert.Equal("search_articles", Assert.Single(final.ToolCalls).Name);
        Assert.All(_server.Chats, r => Assert.True(r["stream"]?.GetValue<bool>()));
    }

    [Fact]
    public async Task A_citation_of_a_passage_the_model_was_never_given_is_removed()
    {
        using var engine = await StartAsync();
        _server.Enqueue(FakeOpenAiServer.Text("شارك مئات المزارعين في المهرجان [1]، واستقبل المعرض آلاف الزوار [2]."));

        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("قارن بين مهرجان الورد الطائفي وما يقدمه للزوار"), CancellationToken.None);

        Assert.Single(answer.Citations);
        Assert.DoesNotContain("[2]", answer.Text);
    }

    [Fact]
    public async Task The_model_may_call_at_most_three_functions_then_answers_from_what_it_has()
    {
        using var engine = await StartAsync();
        _server.Enqueue(
            FakeOpenAiServer.Call("articles-search_articles", """{"query":"معرض"}"""),
            FakeOpenAiServer.Call("articles-search_articles", """{"query":"كتاب"}"""),
            FakeOpenAiServer.Call("articles-get_article", """{"id":"books"}"""),
            FakeOpenAiServer.Text("شارك مئات المزارعين في مهرجان الورد الطائفي [1]."));

        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("قارن بين مهرجان الورد الطائفي وما يقدمه للزوار"), CancellationToken.None);

        Assert.Equal(3, answer.ToolCalls.Count);
        Assert.Equal(4, _server.Chats.Count);
        Assert.Null(_server.Chats[^1]["tools"]);
        Assert.True(answer.Found);
    }

    [Fact]
    public async Task An_endpoint_that_rejects_tools_is_asked_again_without_them_and_remembered()
    {
        _server.RejectTools = true;
        using var engine = await StartAsync();
        var answerer = engine.Get<IAnswerer>();

        var first = await answerer.AnswerAsync(Question.Standalone("ما الذي عرضه المزارعون في مهرجان الورد؟"), CancellationToken.None);
        var asked = _server.Chats.Count;
        var second = await answerer.AnswerAsync(Question.Standalone("كم زائرا استقبل معرض الرياض للكتاب؟"), CancellationToken.None);

        Assert.Equal(Answer.LlmMode, first.Mode);
        Assert.Equal(Answer.LlmMode, second.Mode);
        Assert.Equal(asked + 1, _server.Chats.Count);
        Assert.Null(_server.Chats[^1]["tools"]);
        Assert.Single(engine.Logs.At(LogLevel.Warning), m => m.Contains("function calling"));
    }

    [Fact]
    public async Task An_endpoint_that_rejects_response_format_gets_plain_text_requests_from_then_on()
    {
        _server.RejectResponseFormat = true;
        using var engine = await StartAsync();
        _server.Enqueue(FakeOpenAiServer.Text("شارك مئات المزارعين في مهرجان الورد الطائفي [1]."));

        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("ما الذي عرضه المزارعون في مهرجان الورد؟"), CancellationToken.None);

        Assert.Equal(Answer.LlmMode, answer.Mode);
        Assert.Contains("[1]", answer.Text);
        Assert.Null(_server.Chats[^1]["response_format"]);
        Assert.Single(engine.Logs.At(LogLevel.Warning), m => m.Contains("response_format"));
    }

    [Fact]
    public async Task A_structured_answer_is_asked_for_with_the_schema_and_read_into_cited_text()
    {
        using var engine = await StartAsync();
        _server.Enqueue(FakeOpenAiServer.Text("""{"found":true,"sentences":[{"text":"عرض المزارعون أجود أنواع الورد ومنتجاته","passages":[1],"quote":"عرضوا أجود أنواع الورد ومنتجاته"}]}"""));

        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("ما الذي عرضه المزارعون في مهرجان الورد؟"), CancellationToken.None);

        Assert.Equal("json_schema", _server.Chats[0]["response_format"]!["type"]!.ToString());
        Assert.Equal("عرض المزارعون أجود أنواع الورد ومنتجاته [1].", answer.Text);
        Assert.Equal("roses", Assert.Single(answer.Citations).ArticleId);
    }

    public async ValueTask DisposeAsync()
    {
        _corpus.Dispose();
        await _server.DisposeAsync();
    }
}
