using Bot.Cli.Bench;
using Bot.Cli.Commands;
using Bot.Core.Evaluation;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Bench;

public sealed class CompareOutputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static CompareResult Result() => new(
        new CompareSettings("articles.jsonl.gz", [1000, null], 1000, 10, "bench-results"), DateTimeOffset.UnixEpoch, 2, PostgresCluster.InstallHint,
        [
            new CompareRow("ours", 1000, 7766, 1000) { BuildMs = 2100, IndexMb = 6.9, OpenMs = 300, P50Ms = 1.2, P99Ms = 6, QueriesPerSecond2Threads = 900,
                BuildPeakRssMb = 150, ServePeakRssMb = 120, Recall = new KnownItemScore(1000, 0.9, 0.99, 0.92, 0.995) },
            new CompareRow("ours", 31030, 241000, 1000) { BuildMs = 15000, IndexMb = 60, OpenMs = 500, P50Ms = 1.5, P99Ms = 9, QueriesPerSecond2Threads = 700,
                BuildPeakRssMb = 300, ServePeakRssMb = 200, Recall = new KnownItemScore(1000, 0.85, 0.97, 0.88, 0.98) },
            new CompareRow("postgresql-fts", 1000, 7766, 1000) { Problem = PostgresCluster.InstallHint },
        ]);

    [Fact]
    public void The_table_has_a_row_per_engine_and_size_and_says_when_postgresql_is_missing()
    {
        var table = CompareReport.Markdown(Result());

        Assert.Contains("| ours | 31,030 | 241,000 | 15.0 | 60.0 | 500 | 1.50 | 9.00 | 700 | 300 / 200 | 0.850 | 0.970 | 0.880 | 0.980 |", table);
        Assert.Contains("apt-get install postgresql", table);
    }

    [Fact]
    public void The_chart_is_written_as_a_png()
    {
        var path = _temp.Combine("compare.png");

        CompareChart.Save(Result(), path);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path).Take(4).ToArray());
    }

    [Theory]
    [InlineData("1000,10000,all", new[] { 1000, 10000, -1 })]
    [InlineData("1k, all", new[] { 1000, -1 })]
    public void Sizes_are_article_counts_or_all(string text, int[] expected)
    {
        Assert.True(CompareCommand.TryParseSizes(text, out var sizes));
        Assert.Equal(expected, sizes.Select(s => s ?? -1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("0")]
    public void Other_sizes_are_refused(string text) => Assert.False(CompareCommand.TryParseSizes(text, out _));

    public void Dispose() => _temp.Dispose();
}
