using System.CommandLine;
using System.Text.Json;
using Bot.Cli;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Cli;

public sealed class CliContractTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = [.. args, "--corpus", RepoPaths.Seeds, "--index", _temp.Combine("index")];
        var exit = await BotCommandLine.InvokeAsync(all, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ask_with_json_prints_the_documented_answer_object()
    {
        var (exit, output, _) = await RunAsync("ask", "من التقى وزير الدفاع السوري في طهران؟", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("من التقى وزير الدفاع السوري في طهران؟", root.GetProperty("question").GetString());
        Assert.Contains("باقري", root.GetProperty("answer").GetString());
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.True(root.GetProperty("elapsedMs").GetDouble() >= 0);

        var citation = root.GetProperty("citations")[0];
        foreach (var key in new[] { "n", "articleId", "title", "date", "passageId", "quote" })
        {
            Assert.True(citation.TryGetProperty(key, out _), $"citation lacks {key}");
        }
        Assert.Equal(1, citation.GetProperty("n").GetInt32());

        var passage = root.GetProperty("passages")[0];
        foreach (var key in new[] { "rank", "articleId", "passageId", "score", "text" })
        {
            Assert.True(passage.TryGetProperty(key, out _), $"passage lacks {key}");
        }
        Assert.Equal(1, passage.GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Ask_with_json_marks_a_thinly_supported_answer_tentative_and_a_plain_one_not()
    {
        var (_, plain, _) = await RunAsync("ask", "متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري؟", "--json");
        var (exit, thin, _) = await RunAsync("ask", "متى زار وزير الدفاع الإيراني دمشق؟", "--json");

        Assert.Equal(0, exit);
        Assert.False(JsonDocument.Parse(plain).RootElement.TryGetProperty("tentative", out _));
        Assert.True(JsonDocument.Parse(thin).RootElement.GetProperty("tentative").GetBoolean());
    }

    [Fact]
    public async Task Search_with_json_prints_ranked_passages()
    {
        var (exit, output, _) = await RunAsync("search", "خرداد", "--k", "2", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var passages = json.RootElement.GetProperty("passages");
        Assert.InRange(passages.GetArrayLength(), 1, 2);
        Assert.Contains("خرداد", passages[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Summary_of_an_article_by_number_prints_the_documented_summary_object()
    {
        var (exit, output, _) = await RunAsync("summary", "1", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var key in new[] { "articleId", "title", "date", "kind", "sentences", "citations" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"summary lacks {key}");
        }
        Assert.Contains(root.GetProperty("kind").GetString(), new[] { "publisher", "extractive" });
        Assert.InRange(root.GetProperty("sentences").GetArrayLength(), 1, 5);
    }

    [Fact]
    public async Task Articles_lists_both_seeds_with_numbers()
    {
        var (exit, output, _) = await RunAsync("articles", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var articles = json.RootElement.GetProperty("articles");
        Assert.Equal(2, articles.GetArrayLength());
        Assert.Equal([1, 2], articles.EnumerateArray().Select(a => a.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Ask_without_json_prints_the_Arabic_answer_and_its_sources()
    {
        var (exit, output, _) = await RunAsync("ask", "من التقى وزير الدفاع السوري في طهران؟");

        Assert.Equal(0, exit);
        Assert.Contains("باقري", output);
        Assert.Contains("المصادر:", output);
        Assert.Contains("[1]", output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask", "--no-such-option")]
    [InlineData("search", "طهران", "--k", "zero")]
    public async Task An_unknown_command_or_bad_option_prints_usage_and_exits_with_2(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", error);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task A_missing_corpus_folder_is_a_runtime_failure_with_a_clear_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BotCommandLine.InvokeAsync(
            ["articles", "--corpus", _temp.Combine("nowhere"), "--index", _temp.Combine("index")],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exit);
        Assert.Contains("nowhere", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
