using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Bot.Core.Answering;
using Bot.Core.Evaluation;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>bench --jsonl FILE[.gz] [--articles N] [--queries N]</c>: builds an index of N articles from a news archive,
/// reopens it, and times searches and answers with article titles as questions. Prints build time, open time,
/// latency percentiles and memory, so speed goals are numbers, not timed tests.
/// With <c>--compare [--sizes 1000,10000,all] [--out DIR]</c> it measures our engine beside SQLite FTS5 and PostgreSQL
/// full-text search on the same passages and known-item queries (see <see cref="CompareBench"/>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Option<FileInfo>("--jsonl") { Description = "Articles as JSONL, optionally gzipped", Required = true, HelpName = "FILE" };
        var articles = new Option<int>("--articles") { Description = "How many articles to index (with --compare and no --sizes: the one size)", DefaultValueFactory = _ => 5000 };
        var queries = new Option<int>("--queries") { Description = "How many questions to time (with --compare: known-item queries, default 1000)", DefaultValueFactory = _ => 300 };
        var compare = new Option<bool>("--compare") { Description = "Compare with SQLite FTS5 and PostgreSQL full-text search on known-item queries" };
        var sizes = new Option<string>("--sizes")
        {
            Description = "With --compare: archive sizes in articles, comma-separated ('all' for the whole file)",
            DefaultValueFactory = _ => "1000,10000,all",
            HelpName = "N,N,all",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "With --compare: folder for compare.json and compare.png",
            DefaultValueFactory = _ => new DirectoryInfo("bench-results"),
            HelpName = "DIR",
        };
        var command = new Command("bench", "Measure index build time, open time, query latency and memory on a news archive")
        {
            file, articles, queries, compare, sizes, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(file)!;
            using var workspace = await ScratchWorkspace.CreateAsync(parse, source, "bench").ConfigureAwait(false);
            if (workspace is null)
            {
                return CliRunner.Failure;
            }
            if (parse.GetValue(compare))
            {
                // --articles alone picks one size; --queries defaults to the 1,000 known-item queries.
                var sizeList = parse.GetResult(sizes) is { Implicit: false } || parse.GetResult(articles) is not { Implicit: false }
                    ? parse.GetValue(sizes)! : parse.GetValue(articles).ToString(CultureInfo.InvariantCulture);
                var queryCount = parse.GetResult(queries) is { Implicit: false } ? parse.GetValue(queries) : 1000;
                return await CompareCommand.RunAsync(parse, global, workspace, source, sizeList, queryCount, parse.GetValue(output)!, ct)
                    .ConfigureAwait(false);
            }

            var sample = await CopySampleAsync(source.FullName, workspace.Corpus, parse.GetValue(articles), ct).ConfigureAwait(false);
            var overrides = workspace.Overrides(global, parse);

            var build = Stopwatch.StartNew();
            int passages = 0;
            await CliRunner.RunAsync(parse, global, async (context, token) =>
            {
                passages = (await context.Services.GetRequiredService<IIndexMaintenance>().RebuildAsync(null, token).ConfigureAwait(false)).PassageCount;
                return 0;
            }, ct, overrides).ConfigureAwait(false);
            build.Stop();
            var memoryAfterBuild = Process.GetCurrentProcess().PeakWorkingSet64;

            return await CliRunner.RunAsync(parse, global, async (context, token) =>
            {
                var open = Stopwatch.StartNew();
                await context.Get<IArticleCatalog>().CountAsync(token).ConfigureAwait(false);
                open.Stop();

                var search = new LatencyStats();
                var answer = new LatencyStats();
                var step = Math.Max(1, sample.Titles.Count / parse.GetValue(queries));
                var questions = sample.Titles.Where((_, i) => i % step == 0).Take(parse.GetValue(queries)).ToList();

                // A running worker answers with compiled, optimised code: the first questions pay for the JIT (the first
                // answers take 25–80 ms for a hundred questions or so). Other titles warm it up; the first is reported apart.
                var warmUp = sample.Titles.Where((_, i) => i % step == step / 2 && step > 1).Take(WarmUpQuestions).ToList();
                var cold = Stopwatch.StartNew();
                foreach (var (question, i) in warmUp.Select((q, i) => (q, i)))
                {
                    await context.Get<IPassageSearch>().SearchAsync(question, 5, token).ConfigureAwait(false);
                    await context.Get<IAnswerer>().AnswerAsync(Question.Standalone(question), token).ConfigureAwait(false);
                    if (i == 0)
                    {
                        cold.Stop();
                    }
                }
                foreach (var question in questions)
                {
                    var clock = Stopwatch.StartNew();
                    await context.Get<IPassageSearch>().SearchAsync(question, 5, token).ConfigureAwait(false);
                    search.Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    await context.Get<IAnswerer>().AnswerAsync(Question.Standalone(question), token).ConfigureAwait(false);
                    answer.Add(clock.Elapsed.TotalMilliseconds);
                }

                // The newsroom's requests over the whole sample: the newest day's stories and three topics' timelines.
                var clockDigest = Stopwatch.StartNew();
                var digest = await context.Get<IDigestService>().BuildAsync(new DigestRequest(), token).ConfigureAwait(false);
                var digestMs = Math.Round(clockDigest.Elapsed.TotalMilliseconds, 1);
                var timelines = new LatencyStats();
                foreach (var topic in TimelineTopics)
                {
                    var clock = Stopwatch.StartNew();
                    await context.Get<ITimelineService>().BuildAsync(new TimelineRequest(topic), token).ConfigureAwait(false);
                    timelines.Add(clock.Elapsed.TotalMilliseconds);
                }

                var report = new
                {
                    articles = sample.Count,
                    passages,
                    buildMs = build.ElapsedMilliseconds,
                    openMs = Math.Round(open.Elapsed.TotalMilliseconds, 1),
                    queries = questions.Count,
                    searchP50Ms = search.P50, searchP95Ms = search.P95, searchP99Ms = search.P99,
                    firstAnswerMs = Math.Round(cold.Elapsed.TotalMilliseconds, 1), warmUpQuestions = warmUp.Count,
                    answerP50Ms = answer.P50, answerP95Ms = answer.P95, answerP99Ms = answer.P99,
                    digestMs, digestArticles = digest.ArticleCount, timelineMaxMs = Math.Round(timelines.Percentile(100), 1),
                    peakWorkingSetMb = Math.Round(Math.Max(memoryAfterBuild, Process.GetCurrentProcess().PeakWorkingSet64) / 1048576.0, 1),
                    indexMb = Math.Round(DirectorySize(workspace.IndexFolder) / 1048576.0, 1),
                };
                if (context.Json)
                {
                    context.WriteJson(report);
                }
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                        Articles indexed:  {report.articles} ({report.passages} passages, index {report.indexMb} MB)
                        Build:             {report.buildMs} ms (fresh process state, including reading and chunking)
                        Open existing:     {report.openMs} ms (fingerprint + open)
                        Search p50/p95/p99: {search.P50:0.00} / {search.P95:0.00} / {search.P99:0.00} ms over {report.queries} questions
                        Answer p50/p95/p99: {answer.P50:0.00} / {answer.P95:0.00} / {answer.P99:0.00} ms (after {warmUp.Count} warm-up questions; first search and answer, cold: {report.firstAnswerMs} ms)
                        Digest:            {digestMs} ms (the newest day, {digest.ArticleCount} articles, {digest.Stories.Count} stories)
                        Timeline (slowest): {timelines.Percentile(100):0.0} ms over {TimelineTopics.Length} topics
                        Peak working set:  {report.peakWorkingSetMb} MB
                        """));
                }
                return CliRunner.Success;
            }, ct, overrides).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Questions answered before timing starts, so the timings are those of a warmed-up worker.</summary>
    private const int WarmUpQuestions = 150;

    private static readonly string[] TimelineTopics = ["قناة السويس الجديدة", "الاتفاق النووي مع إيران", "أسعار النفط"];

    private sealed record Sample(int Count, IReadOnlyList<string> Titles);

    private static async Task<Sample> CopySampleAsync(string path, string corpus, int count, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(corpus);
        await using var input = File.OpenRead(path);
        await using var decompressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
        using var reader = new StreamReader(decompressed);
        await using var writer = new StreamWriter(Path.Combine(corpus, "archive.jsonl"));
        var titles = new List<string>();
        while (titles.Count < count && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            await writer.WriteLineAsync(line).ConfigureAwait(false);
            using var json = JsonDocument.Parse(line);
            titles.Add(json.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty);
        }
        return new Sample(titles.Count, titles.Where(t => t.Length > 0).ToList());
    }

    private static long DirectorySize(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}
