using System.Globalization;
using System.CommandLine;
using Bot.Core.Sources;

namespace Bot.Cli.Commands;

/// <summary><c>sources</c>: each configured feed with its last poll, items taken and last error.</summary>
internal static class SourcesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("sources", "List the followed feeds: last poll, items taken, last error");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var feeds = await context.Get<IFeedIngestion>().StatusAsync(token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { feeds });
                return CliRunner.Success;
            }
            if (feeds.Count == 0)
            {
                context.Out.WriteLine("No feeds configured. Add them under Sources:Feeds in appsettings.json (or Sources__Feeds__0__Url=…).");
                return CliRunner.Success;
            }
            foreach (var feed in feeds)
            {
                context.Console.Line($"{feed.Name} — {feed.Url}");
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    every {feed.IntervalMinutes} min; last poll: {When(feed.LastPollAt)}; next: {When(feed.NextPollAt)}; items taken: {feed.ItemsTaken}"));
                context.Out.WriteLine($"    last error: {feed.LastError ?? "none"}");
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }

    private static string When(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
}
