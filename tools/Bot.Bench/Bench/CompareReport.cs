using System.Globalization;
using System.Text;
using Bot.Cli.Output;

namespace Bot.Cli.Bench;

/// <summary>Everything one <c>bench --compare</c> run measured.</summary>
internal sealed record CompareResult(CompareSettings Settings, DateTimeOffset FinishedAt, int Cores, string Postgres, IReadOnlyList<CompareRow> Rows);

/// <summary>The comparison as a markdown table (for people and issues) and as JSON (for scripts).</summary>
internal static class CompareReport
{
    public static string Markdown(CompareResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Known-item search on {Path.GetFileName(result.Settings.Archive)}: "
            + $"{result.Settings.Queries:N0} queries per size (at most one per article with text), top {result.Settings.K} passages per query, "
            + $"{result.Cores} cores, {result.Postgres}.");
        text.AppendLine();
        text.AppendLine("| engine | articles | passages | build s | index MB | open ms | p50 ms | p99 ms | q/s (2 threads) | peak RSS build / serve MB | R@1 | R@5 | story R@1 | story R@5 |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in result.Rows)
        {
            if (row.Problem is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Engine} | {row.Articles:N0} | {row.Passages:N0} | {row.Problem} |||||||||||");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Engine} | {row.Articles:N0} | {PassageCount(row)} | {row.BuildMs / 1000:0.0} | {row.IndexMb:0.0} | {row.OpenMs:0} "
                + $"| {row.P50Ms:0.00} | {row.P99Ms:0.00} | {row.QueriesPerSecond2Threads:0} | {row.BuildPeakRssMb:0} / {row.ServePeakRssMb:0} "
                + $"| {row.Recall?.RecallAt1:0.000} | {row.Recall?.RecallAt5:0.000} | {row.Recall?.StoryRecallAt1:0.000} | {row.Recall?.StoryRecallAt5:0.000} |");
        }
        text.AppendLine();
        text.AppendLine("Build: ours reads the JSON articles and chunks them itself; the peers load our chunker's passages from a file. "
            + "Open: until the first result. q/s: all queries again on two threads, at most 30 s. Peak RSS: each engine's own process (the .NET runtime included); "
            + "PostgreSQL: the server's memory (PSS of the postmaster and its backends, sampled every 250 ms), not the client's. "
            + "Story: a result with exactly the same normalised text as the target (the same wire story), or one that names the target "
            + "as a folded copy (ours folds republished stories), counts as found.");
        return text.ToString();
    }

    private static string PassageCount(CompareRow row) => row.IndexedPassages is { } indexed && indexed != row.Passages
        ? string.Create(CultureInfo.InvariantCulture, $"{row.Passages:N0} (indexed {indexed:N0})")
        : row.Passages.ToString("N0", CultureInfo.InvariantCulture);

    public static string Json(CompareResult result) => CliJson.Serialize(result);
}
