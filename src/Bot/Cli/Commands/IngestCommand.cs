using System.CommandLine;
using System.Globalization;
using Bot.Core.Sources;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>ingest --once</c>: polls every feed once and exits (for cron); exit 1 when a feed could not be read.
/// Without <c>--once</c>, keeps polling each feed on its schedule until Ctrl+C.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(GlobalOptions global)
    {
        var once = new Option<bool>("--once") { Description = "Poll every feed once and exit" };
        var command = new Command("ingest", "Poll the feeds in Sources:Feeds and add their new articles") { once };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var feeds = context.Get<IFeedIngestion>();
            if (!parse.GetValue(once))
            {
                var clock = context.Get<TimeProvider>();
                while (!token.IsCancellationRequested)
                {
                    var next = await feeds.PollDueAsync(token).ConfigureAwait(false);
                    var wait = next == DateTimeOffset.MaxValue ? TimeSpan.FromMinutes(1) : next - clock.GetUtcNow();
                    await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock, token).ConfigureAwait(false);
                }
                return CliRunner.Success;
            }

            var results = await feeds.PollAllAsync(token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { feeds = results, added = results.Sum(r => r.Added) });
            }
            else if (results.Count == 0)
            {
                context.Out.WriteLine("No feeds configured (Sources:Feeds).");
            }
            else
            {
                foreach (var r in results)
                {
                    context.Console.Line(r.Error is { } error
                        ? $"{r.Name}: failed — {error}"
                        : r.NotModified
                            ? $"{r.Name}: not modified"
                            : string.Create(CultureInfo.InvariantCulture, $"{r.Name}: {r.Added} added, {r.Duplicates} already present, {r.Skipped} skipped"));
                }
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Sum(r => r.Added)} new articles."));
            }
            return results.Any(r => r.Error is not null) ? CliRunner.Failure : CliRunner.Success;
        }, ct));
        return command;
    }
}
