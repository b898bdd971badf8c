using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Search;

/// <summary>Several processes on one index folder: one writer at a time, readers never see a half-written index.</summary>
public sealed class IndexProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string IndexPath => _temp.Combine("index");

    private string Current() => File.ReadAllText(Path.Combine(IndexPath, "CURRENT")).Trim();

    private async Task BuildSeedIndexAsync()
    {
        using var engine = new PipelineHost(RepoPaths.Seeds, IndexPath);
        await engine.Get<IArticleCatalog>().CountAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_second_writer_is_refused_with_a_message_naming_the_process_that_holds_the_index_while_readers_keep_answering()
    {
        await BuildSeedIndexAsync();
        var args = new[] { "--corpus", RepoPaths.Seeds, "--index", IndexPath };

        using (var held = new IndexDirectory(IndexPath).TryLock(out _))
        {
            Assert.NotNull(held);
            var (refused, _, error) = await BotProcess.RunAsync(null, ["reindex", .. args]);
            var (answered, output, _) = await BotProcess.RunAsync(null, ["ask", "من التقى وزير الدفاع السوري في طهران؟", .. args]);

            Assert.Equal(1, refused);
            Assert.Contains($"being written by process {Environment.ProcessId}", error);
            Assert.Equal(0, answered);
            Assert.Contains("باقري", output);
        }

        var (exit, _, _) = await BotProcess.RunAsync(null, ["reindex", .. args]);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Killing_a_reindex_midway_leaves_the_previous_index_serving_and_its_leftovers_are_cleaned_up()
    {
        await BuildSeedIndexAsync();
        var live = Current();
        var archive = SyntheticArchive.Write(_temp.Combine("archive.jsonl"), 20000);

        using (var reindex = BotProcess.Start(["reindex", "--corpus", archive, "--index", IndexPath]))
        {
            // Progress lines come every 500 articles: kill it once it is well into the build.
            while (await reindex.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) is { } line && !line.Contains("1000 articles"))
            {
            }
            Assert.False(reindex.HasExited);
            reindex.Kill(entireProcessTree: true);
            await reindex.WaitForExitAsync();
        }
        Assert.Contains(Directory.GetDirectories(IndexPath), d => Path.GetFileName(d).StartsWith("build-", StringComparison.Ordinal));

        using var engine = new PipelineHost(RepoPaths.Seeds, IndexPath);
        var answer = await engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("من التقى وزير الدفاع السوري في طهران؟"), CancellationToken.None);
        Assert.Contains("باقري", answer.Text);
        Assert.Equal(live, Current());
        Assert.DoesNotContain(engine.Logs.Entries, e => e.Message.StartsWith("Built index", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetDirectories(IndexPath), d => Path.GetFileName(d).StartsWith("build-", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
