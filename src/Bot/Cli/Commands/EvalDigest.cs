using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>eval --digest [--dates D,D] [--topics "A|B"]</c>: the digest of each day against the day's biggest stories found
/// from the full texts (<see cref="DigestCoverage"/>), and each topic's timeline against what a timeline must be
/// (<see cref="TimelineCheck"/>), on the configured index (or <c>--index</c>). Two times: in this process with the index
/// open, and end to end as a user runs <c>digest</c> or <c>summary --topic</c> (a fresh process, start-up included).
/// </summary>
internal static class EvalDigest
{
    public const string DefaultDates = "2015-08-06,2015-07-22";
    public const string DefaultTopics = "قناة السويس الجديدة|الاتفاق النووي مع إيران|أسعار النفط";

    public static async Task<int> RunAsync(CliContext context, string dates, string topics, CancellationToken cancellationToken)
    {
        var days = dates.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var digests = context.Get<IDigestService>();
        var articles = context.Get<ArticlesByDate>();
        await context.Get<IArticleCatalog>().CountAsync(cancellationToken).ConfigureAwait(false); // open the index outside the timings

        var coverage = new List<DigestCoverageReport>();
        foreach (var day in days)
        {
            var clock = Stopwatch.StartNew();
            var digest = await digests.BuildAsync(new DigestRequest(day, day, DigestCoverage.FirstLines), cancellationToken).ConfigureAwait(false);
            var ms = clock.Elapsed.TotalMilliseconds;
            var texts = await articles.ReadAsync(day, day, cancellationToken).ConfigureAwait(false);
            var endToEnd = await CliTimer.TimeAsync(["digest", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--json"], cancellationToken)
                .ConfigureAwait(false);
            coverage.Add(DigestCoverage.Measure(day, texts, digest, ms) with { CliMs = endToEnd });
        }

        var timelines = new List<TimelineCheckReport>();
        foreach (var topic in topics.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var clock = Stopwatch.StartNew();
            var timeline = await context.Get<ITimelineService>().BuildAsync(new TimelineRequest(topic), cancellationToken).ConfigureAwait(false);
            var ms = clock.Elapsed.TotalMilliseconds;
            var endToEnd = await CliTimer.TimeAsync(["summary", "--topic", topic, "--json"], cancellationToken).ConfigureAwait(false);
            timelines.Add(await TimelineCheck.MeasureAsync(timeline, context.Get<IArticleCatalog>(), ms, cancellationToken).ConfigureAwait(false) with
            {
                CliMs = endToEnd,
            });
        }

        if (context.Json)
        {
            context.WriteJson(new { digests = coverage, timelines });
            return CliRunner.Success;
        }
        var text = new StringBuilder();
        text.AppendLine("Digest coverage (10 biggest stories by outlets sharing half of the smaller article's 3-word shingles)");
        text.AppendLine("date        articles  top10-in-15  top3-in-5  repeated  cited-off-day  digest ms  CLI ms  lines of the 10 biggest");
        foreach (var r in coverage)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Date:yyyy-MM-dd}  {r.Articles,8}  {r.BiggestInTop15,8}/10  {r.Top3InTop5,7}/3  {r.Repeated,8}  {r.CitedOffDay,13}  {r.DigestMs,9:0}  {r.CliMs,6:0}  {string.Join(' ', r.Biggest.Select(b => $"{b.Outlets}o→{(b.DigestLine == 0 ? "-" : b.DigestLine.ToString(CultureInfo.InvariantCulture))}"))}"));
        }
        text.AppendLine();
        text.AppendLine("Timelines");
        text.AppendLine("lines  dates  date-ordered  not-in-article  repeating  ms     CLI ms  topic");
        foreach (var t in timelines)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Lines,5}  {t.Dates,5}  {(t.DateOrdered ? "yes" : "NO"),12}  {t.NotInArticle,14}  {t.Repeating,9}  {t.TimelineMs,5:0}  {t.CliMs,6:0}  {t.Topic}"));
        }
        context.Out.Write(text.ToString());
        return CliRunner.Success;
    }
}
