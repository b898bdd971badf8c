using Bot.Core.Chunking;
using Bot.Core.Evaluation;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Cli.Bench;

/// <summary>What <c>bench --compare</c> was asked for.</summary>
internal sealed record CompareSettings(string Archive, IReadOnlyList<int?> Sizes, int Queries, int K, string OutFolder);

/// <summary>
/// <c>bench --compare</c>: for each archive size, prepares the same articles, passages and known-item queries once, then
/// builds and serves each engine in child processes (ours, SQLite FTS5, PostgreSQL FTS on a throwaway cluster) and
/// scores what they returned.
/// </summary>
internal sealed class CompareBench(CompareSettings settings, HostOverrides overrides, TextWriter log)
{
    public static readonly IReadOnlyList<string> Engines = [OurEngine.Name, SqliteFtsEngine.Name, PostgresFtsEngine.Name];

    public async Task<CompareResult> RunAsync(string scratch, CancellationToken cancellationToken)
    {
        var limit = settings.Sizes.Max(s => s ?? int.MaxValue);
        await log.WriteLineAsync($"Reading {settings.Archive} …").ConfigureAwait(false);
        var sample = await ArchiveSample.ReadAsync(settings.Archive, limit, cancellationToken).ConfigureAwait(false);
        var stories = sample.StoryKeys();
        var sizes = settings.Sizes.Select(s => Math.Min(s ?? int.MaxValue, sample.Count)).Distinct().Order().ToList();

        var (cluster, postgres) = await StartPostgresAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = cluster;
        using var host = BotHost.CreateBuilder(overrides).Build();
        var chunker = host.Services.GetRequiredService<PassageChunker>();

        var rows = new List<CompareRow>();
        foreach (var size in sizes)
        {
            var data = new BenchData(Path.Combine(scratch, $"n{size}"));
            var passages = await sample.PrepareAsync(data, size, chunker, settings.Queries, cancellationToken).ConfigureAwait(false);
            var queries = await data.ReadQueriesAsync(cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"{size} articles: {passages} passages, {queries.Count} known-item queries").ConfigureAwait(false);
            foreach (var engine in Engines)
            {
                var row = new CompareRow(engine, size, passages, queries.Count);
                if (engine == PostgresFtsEngine.Name && cluster is null)
                {
                    rows.Add(row with { Problem = postgres });
                    continue;
                }
                await log.WriteLineAsync($"  {engine} …").ConfigureAwait(false);
                try
                {
                    row = engine == PostgresFtsEngine.Name
                        ? await MeasurePostgresAsync(row, cluster!, data, queries, stories, cancellationToken).ConfigureAwait(false)
                        : await MeasureAsync(row, data, null, null, queries, stories, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is EngineFailedException or Npgsql.NpgsqlException)
                {
                    row = row with { Problem = ex.Message };
                    await log.WriteLineAsync($"  {engine} failed: {ex.Message}").ConfigureAwait(false);
                }
                finally
                {
                    DeleteQuietly(data.EngineFolder(engine));
                }
                if (row.Problem is null)
                {
                    await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"  {engine}: build {row.BuildMs / 1000:0.0} s, p50 {row.P50Ms:0.00} ms, R@1 {row.Recall?.RecallAt1:0.000}")).ConfigureAwait(false);
                }
                rows.Add(row);
            }
            DeleteQuietly(data.Folder);
        }
        return new CompareResult(settings, TimeProvider.System.GetUtcNow(), Environment.ProcessorCount, postgres, rows);
    }

    /// <param name="serverMemory">For a server engine: its memory, sampled during each phase instead of the child's own peak.</param>
    private async Task<CompareRow> MeasureAsync(
        CompareRow row, BenchData data, string? connection, Func<long>? serverMemory, IReadOnlyList<KnownItemQuery> queries,
        IReadOnlyDictionary<string, string> stories, CancellationToken cancellationToken)
    {
        var (build, buildPeak) = await RunPhaseAsync<BuildMeasure>(row.Engine, "build", data, connection, serverMemory, cancellationToken)
            .ConfigureAwait(false);
        var (serve, servePeak) = await RunPhaseAsync<ServeMeasure>(row.Engine, "serve", data, connection, serverMemory, cancellationToken)
            .ConfigureAwait(false);
        return row with
        {
            IndexedPassages = build.Passages,
            BuildMs = build.BuildMs,
            IndexMb = CompareRow.Mb(build.IndexBytes),
            OpenMs = serve.OpenMs,
            P50Ms = serve.P50Ms,
            P99Ms = serve.P99Ms,
            QueriesPerSecond2Threads = serve.QueriesPerSecond,
            BuildPeakRssMb = CompareRow.Mb(buildPeak ?? build.PeakRssBytes),
            ServePeakRssMb = CompareRow.Mb(servePeak ?? serve.PeakRssBytes),
            Recall = KnownItemScoring.Score(queries, serve.Results, stories),
        };
    }

    private async Task<(T Measure, long? ServerPeak)> RunPhaseAsync<T>(
        string engine, string phase, BenchData data, string? connection, Func<long>? serverMemory, CancellationToken cancellationToken)
    {
        if (serverMemory is null)
        {
            return (await EngineProcess.RunAsync<T>(engine, phase, data, connection, settings.K, cancellationToken).ConfigureAwait(false), null);
        }
        // Sampling every 250 ms costs well under 1 % of a core.
        await using var sampler = new PeakSampler(serverMemory);
        var measure = await EngineProcess.RunAsync<T>(engine, phase, data, connection, settings.K, cancellationToken).ConfigureAwait(false);
        return (measure, sampler.Peak);
    }

    /// <summary>As <see cref="MeasureAsync"/>, in a fresh database; memory is the server's, not the client's.</summary>
    private async Task<CompareRow> MeasurePostgresAsync(
        CompareRow row, PostgresCluster cluster, BenchData data, IReadOnlyList<KnownItemQuery> queries,
        IReadOnlyDictionary<string, string> stories, CancellationToken cancellationToken)
    {
        var database = $"bench_{row.Articles}";
        await cluster.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        try
        {
            var server = cluster.ServerProcessId();
            return await MeasureAsync(row, data, cluster.ConnectionString(database), () => ProcessMemory.TreePssBytes(server), queries, stories,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<(PostgresCluster? Cluster, string Status)> StartPostgresAsync(CancellationToken cancellationToken)
    {
        if (PostgresCluster.FindBinaries() is not { } bin)
        {
            await log.WriteLineAsync($"{PostgresCluster.InstallHint}: its column is left out.").ConfigureAwait(false);
            return (null, PostgresCluster.InstallHint);
        }
        try
        {
            var cluster = await PostgresCluster.StartAsync(bin, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"PostgreSQL {cluster.Version} started on 127.0.0.1:{cluster.Port} (throwaway cluster)").ConfigureAwait(false);
            return (cluster, $"PostgreSQL {cluster.Version}");
        }
        catch (InvalidOperationException ex)
        {
            await log.WriteLineAsync($"PostgreSQL could not be started, its column is left out: {ex.Message}").ConfigureAwait(false);
            return (null, $"PostgreSQL could not be started: {ex.Message}");
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // The scratch workspace removes it at the end.
        }
    }
}
