using System.Diagnostics;
using Bot.Core.Evaluation;

namespace Bot.Cli.Bench;

/// <summary>What building one engine's index cost.</summary>
internal sealed record BuildMeasure(int Passages, double BuildMs, long IndexBytes, long PeakRssBytes);

/// <summary>What serving the known-item queries cost, and what each returned (best first).</summary>
internal sealed record ServeMeasure(
    double OpenMs, double P50Ms, double P99Ms, double QueriesPerSecond, long PeakRssBytes, IReadOnlyList<IReadOnlyList<KnownItemHit>> Results);

/// <summary>
/// Times one engine's phases inside the process that runs them: the build, then (in a fresh process) opening the index
/// until the first result, every query once on one thread, and the queries again spread over two threads (all of them,
/// or as many as 30 seconds allow).
/// </summary>
internal static class EngineRunner
{
    public const int Threads = 2;

    /// <summary>The two-thread run stops after this long (slow engines at full size would otherwise take minutes).</summary>
    private static readonly TimeSpan ThroughputBudget = TimeSpan.FromSeconds(30);

    public static async Task<BuildMeasure> BuildAsync(ISearchEngine engine, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var passages = await engine.BuildAsync(cancellationToken).ConfigureAwait(false);
        clock.Stop();
        var bytes = await engine.IndexBytesAsync(cancellationToken).ConfigureAwait(false);
        return new BuildMeasure(passages, Math.Round(clock.Elapsed.TotalMilliseconds, 1), bytes, ProcessMemory.PeakRssBytes());
    }

    public static async Task<ServeMeasure> ServeAsync(
        ISearchEngine engine, IReadOnlyList<KnownItemQuery> queries, int k, CancellationToken cancellationToken)
    {
        if (queries.Count == 0)
        {
            throw new InvalidOperationException("No known-item queries to run.");
        }
        var clock = Stopwatch.StartNew();
        var first = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await first.SearchAsync(queries[0].Text, k, cancellationToken).ConfigureAwait(false);
        var openMs = clock.Elapsed.TotalMilliseconds;

        var latency = new LatencyStats();
        var results = new IReadOnlyList<KnownItemHit>[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            clock.Restart();
            results[i] = await first.SearchAsync(queries[i].Text, k, cancellationToken).ConfigureAwait(false);
            latency.Add(clock.Elapsed.TotalMilliseconds);
        }

        var searchers = new List<IEngineSearcher> { first };
        for (var t = 1; t < Threads; t++)
        {
            searchers.Add(await engine.OpenAsync(cancellationToken).ConfigureAwait(false));
        }
        var next = -1;
        var done = 0;
        clock.Restart();
        await Task.WhenAll(searchers.Select(searcher => Task.Run(async () =>
        {
            int i;
            while (clock.Elapsed < ThroughputBudget && (i = Interlocked.Increment(ref next)) < queries.Count)
            {
                await searcher.SearchAsync(queries[i].Text, k, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref done);
            }
        }, cancellationToken))).ConfigureAwait(false);
        var qps = done / clock.Elapsed.TotalSeconds;
        foreach (var searcher in searchers)
        {
            await searcher.DisposeAsync().ConfigureAwait(false);
        }

        return new ServeMeasure(
            Math.Round(openMs, 1), Math.Round(latency.P50, 2), Math.Round(latency.P99, 2), Math.Round(qps, 1), ProcessMemory.PeakRssBytes(), results);
    }
}
