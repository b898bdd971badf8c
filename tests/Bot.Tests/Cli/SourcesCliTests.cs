using System.CommandLine;
using Bot.Cli;
using Bot.Tests.Sources;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Cli;

/// <summary>Feeds reach the command line through the environment, as in production: these tests run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class SourcesCliTests : IAsyncDisposable
{
    private readonly NewsSite _site = new();
    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string?> _environment = [];

    public SourcesCliTests()
    {
        Directory.CreateDirectory(_temp.Combine("corpus"));
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _temp.Combine("corpus", Path.GetFileName(seed)));
        }
    }

    private void Set(string name, string value)
    {
        _environment.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = [.. args, "--corpus", _temp.Combine("corpus"), "--index", _temp.Combine("index")];
        var exit = await BotCommandLine.InvokeAsync(all, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Ingest_once_polls_every_feed_and_sources_shows_each_feeds_last_poll_items_taken_and_last_error()
    {
        Set("Sources__AllowPrivateNetworks", "true");
        Set("Sources__Feeds__0__Url", _site.Url("/rss-good.xml"));
        Set("Sources__Feeds__0__Name", "أخبار تجريبية");
        Set("Sources__Feeds__1__Url", _site.Url("/broken.xml"));

        var first = await RunAsync("ingest", "--once");
        var second = await RunAsync("ingest", "--once");
        var sources = await RunAsync("sources");

        Assert.Equal(1, first.ExitCode); // one feed could not be read
        Assert.Contains("أخبار تجريبية: 3 added", first.Output);
        Assert.Contains("127.0.0.1: failed", first.Output);
        Assert.Contains("3 new articles.", first.Output);
        Assert.Contains("أخبار تجريبية: not modified", second.Output);
        Assert.Equal(0, sources.ExitCode);
        Assert.Contains("items taken: 3", sources.Output);
        Assert.Contains("last error: none", sources.Output);
        Assert.Contains("not well-formed", sources.Output);
        Assert.DoesNotContain("last poll: never", sources.Output);
    }

    [Fact]
    public async Task Add_prints_the_title_and_count_then_already_present_and_refuses_a_private_address_by_default()
    {
        var url = _site.Url("/news/poetry-festival");

        var refused = await RunAsync("add", url);
        Set("Sources__AllowPrivateNetworks", "true");
        var added = await RunAsync("add", url);
        var again = await RunAsync("add", url);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("AllowPrivateNetworks", refused.Error);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"أُضيفت المقالة «{NewsContent.PoetryTitle}»", added.Output);
        Assert.Contains("13 أكتوبر 2025", added.Output);
        Assert.Contains("3 articles.", added.Output);
        Assert.Contains("هذه المقالة موجودة مسبقًا", again.Output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, value) in _environment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        await _site.DisposeAsync();
        _temp.Dispose();
    }
}
