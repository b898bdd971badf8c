using System.CommandLine;
using System.Text.Json;
using Bot.Cli;
using Bot.Tests.Summaries;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Cli;

/// <summary>The JSON shapes of <c>digest</c> and <c>summary --topic</c>: scripts depend on these names.</summary>
public sealed class DigestCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private async Task<(int ExitCode, JsonElement Json)> RunAsync(params string[] args)
    {
        NewsDay.Write(_temp.Combine("news.jsonl"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] all = [.. args, "--json", "--corpus", _temp.Path, "--index", _temp.Combine("index")];
        var exit = await BotCommandLine.InvokeAsync(all, new InvocationConfiguration { Output = output, Error = error });
        return (exit, exit == 0 ? JsonDocument.Parse(output.ToString()).RootElement : default);
    }

    [Fact]
    public async Task Digest_json_has_the_period_the_article_count_and_each_storys_text_articles_outlets_and_date()
    {
        var (exit, json) = await RunAsync("digest", "--date", "2015-08-06", "--limit", "2");

        Assert.Equal(0, exit);
        Assert.Equal("2015-08-06", json.GetProperty("from").GetString());
        Assert.Equal("2015-08-06", json.GetProperty("to").GetString());
        Assert.Equal(19, json.GetProperty("articles").GetInt32());
        var stories = json.GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(2, stories.Count);
        Assert.Contains("أباتشي", stories[0].GetProperty("text").GetString());
        Assert.Equal(4, stories[0].GetProperty("articleIds").GetArrayLength());
        Assert.Equal(4, stories[0].GetProperty("outlets").GetInt32());
        Assert.Equal("2015-08-06", stories[0].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Summary_topic_json_has_dated_cited_lines_in_date_order()
    {
        var (exit, json) = await RunAsync("summary", "--topic", "أسعار النفط", "--from", "2015-08-01");

        Assert.Equal(0, exit);
        Assert.Equal("أسعار النفط", json.GetProperty("topic").GetString());
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["2015-08-04", "2015-08-06"], lines.Select(l => l.GetProperty("date").GetString()));
        Assert.EndsWith("[1]", lines[0].GetProperty("text").GetString());
        Assert.Equal("oil-2", lines[0].GetProperty("articleId").GetString());
        Assert.Equal(JsonValueKind.Array, lines[1].GetProperty("alsoPublished").ValueKind);
    }

    public void Dispose() => _temp.Dispose();
}
