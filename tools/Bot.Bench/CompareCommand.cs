using System.CommandLine;
using System.Globalization;
using Bot.Cli.Bench;

namespace Bot.Cli.Commands;

/// <summary>The <c>--compare</c> mode of <c>bench</c>: runs <see cref="CompareBench"/>, prints the table, writes JSON and the chart.</summary>
internal static class CompareCommand
{
    /// <summary>Passages returned per query by every engine; articles are ranked by their first passage among them.</summary>
    public const int K = 10;

    public static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions global, ScratchWorkspace workspace, FileInfo archive, string sizeList, int queries,
        DirectoryInfo output, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!TryParseSizes(sizeList, out var sizes))
        {
            await error.WriteLineAsync($"Error: --sizes takes article counts and 'all', comma-separated (got '{sizeList}').").ConfigureAwait(false);
            return CliRunner.UsageError;
        }

        var settings = new CompareSettings(archive.FullName, sizes, queries, K, output.FullName);
        try
        {
            var result = await new CompareBench(settings, workspace.Overrides(global, parse), error)
                .RunAsync(workspace.Folder("compare"), cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(output.FullName);
            var json = Path.Combine(output.FullName, "compare.json");
            var chart = Path.Combine(output.FullName, "compare.png");
            await File.WriteAllTextAsync(json, CompareReport.Json(result), cancellationToken).ConfigureAwait(false);
            CompareChart.Save(result, chart);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(global.Json))
            {
                await stdout.WriteLineAsync(CompareReport.Json(result)).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync(CompareReport.Markdown(result)).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Written: {json}, {chart}").ConfigureAwait(false);
            }
            return CliRunner.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return CliRunner.Cancelled;
        }
    }

    /// <summary>"1000,10000,all" → 1000, 10000, null (all).</summary>
    internal static bool TryParseSizes(string text, out IReadOnlyList<int?> sizes)
    {
        var parsed = new List<int?>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                parsed.Add(null);
            }
            else if (int.TryParse(part.Replace("k", "000", StringComparison.OrdinalIgnoreCase), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                parsed.Add(n);
            }
            else
            {
                sizes = [];
                return false;
            }
        }
        sizes = parsed;
        return parsed.Count > 0;
    }
}
