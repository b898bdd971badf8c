using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary><c>digest [--date D | --from D --to D] [--limit N] [--json]</c>: the period's biggest stories, one cited line each.</summary>
internal static class DigestCommand
{
    public static Command Create(GlobalOptions global)
    {
        var date = new Option<DateOnly?>("--date") { Description = "One day (default: the newest day in the archive)", HelpName = "YYYY-MM-DD" };
        var from = new Option<DateOnly?>("--from") { Description = "First day of the period", HelpName = "YYYY-MM-DD" };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the period", HelpName = "YYYY-MM-DD" };
        var limit = new Option<int>("--limit")
        {
            Description = "How many stories, biggest first",
            DefaultValueFactory = _ => DigestRequest.DefaultLimit,
        };
        var command = new Command("digest", "The day's stories: copies and rewrites grouped, ranked by how many outlets carried them")
        {
            date, from, to, limit,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(date) is not null && (r.GetValue(from) is not null || r.GetValue(to) is not null))
            {
                r.AddError("Give --date D or --from D --to D, not both.");
            }
            if (r.GetResult(limit) is { Implicit: false } && r.GetValue(limit) is < 1 or > DigestRequest.MaxLimit)
            {
                r.AddError($"--limit must be between 1 and {DigestRequest.MaxLimit}.");
            }
        });
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var day = parse.GetValue(date);
            var request = new DigestRequest(day ?? parse.GetValue(from), day ?? parse.GetValue(to), parse.GetValue(limit));
            var digest = await context.Get<IDigestService>().BuildAsync(request, token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(CliJson.FromDigest(digest));
                return CliRunner.Success;
            }
            context.Out.WriteLine(DigestText.Header(digest));
            if (digest.Stories.Count == 0)
            {
                context.Out.WriteLine(DigestText.Empty);
            }
            for (var i = 0; i < digest.Stories.Count; i++)
            {
                context.Out.WriteLine(DigestText.Line(digest.Stories[i], i + 1) + $" [{digest.Stories[i].ArticleIds[0]}]");
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }
}
