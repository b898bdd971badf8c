using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bot.Cli.Bench;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Bench;

/// <summary><c>bench --compare</c> as an operator runs it, on a tiny made-up archive: child processes, table, JSON and chart.</summary>
public sealed class BenchCompareProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Compare_prints_a_row_per_engine_and_writes_the_json_and_the_chart()
    {
        var archive = SyntheticArchive.Write(_temp.Combine("archive.jsonl"), 40);
        var output = _temp.Combine("results");

        var (exit, stdout, stderr) = await RunAsync("bench", "--jsonl", archive, "--compare", "--sizes", "40", "--queries", "15", "--out", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("| ours | 40 |", stdout);
        Assert.Contains("| sqlite-fts5 | 40 |", stdout);
        Assert.Contains(PostgresCluster.FindBinaries() is null ? "apt-get install postgresql" : "| postgresql-fts | 40 |", stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "compare.json")));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        var ours = rows[0];
        Assert.Equal(ours.GetProperty("passages").GetInt32(), ours.GetProperty("indexedPassages").GetInt32());
        Assert.InRange(ours.GetProperty("recall").GetProperty("recallAt5").GetDouble(), 0.5, 1);
        Assert.True(new FileInfo(Path.Combine(output, "compare.png")).Length > 1000);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        // The bench tool's own build output (same configuration as this test's), as in CliProcessTests.
        var build = Path.GetRelativePath(Path.Combine(RepoPaths.Root, "tests", "Bot.Tests"), AppContext.BaseDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "Bot.Bench", build, "Bot.Bench.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _temp.Dispose();
}
