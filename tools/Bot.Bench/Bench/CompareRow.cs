using Bot.Core.Evaluation;

namespace Bot.Cli.Bench;

/// <summary>One engine at one archive size; measures are null where the engine failed or was not available.</summary>
internal sealed record CompareRow(string Engine, int Articles, int Passages, int Queries)
{
    /// <summary>Passages the engine reports it indexed; differs from <see cref="Passages"/> only if it chunked differently.</summary>
    public int? IndexedPassages { get; init; }
    public double? BuildMs { get; init; }
    public double? IndexMb { get; init; }
    public double? OpenMs { get; init; }
    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? QueriesPerSecond2Threads { get; init; }
    public double? BuildPeakRssMb { get; init; }
    public double? ServePeakRssMb { get; init; }
    public KnownItemScore? Recall { get; init; }
    public string? Problem { get; init; }

    public static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
