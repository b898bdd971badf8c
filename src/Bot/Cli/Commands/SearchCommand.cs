using System.CommandLine;
using System.Diagnostics;
using Bot.Cli.Output;
using Bot.Core.Search;

namespace Bot.Cli.Commands;

/// <summary><c>search "words" [--k N]</c>: ranked passages.</summary>
internal static class SearchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var query = new Argument<string>("query") { Description = "Words to search for" };
        var k = new Option<int>("--k") { Description = "How many passages", DefaultValueFactory = _ => 5 };
        k.Validators.Add(r =>
        {
            // A value that is not a number is already reported by the parser.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var value) && value is < 1 or > 100)
            {
                r.AddError("--k must be between 1 and 100.");
            }
        });
        var command = new Command("search", "Show the passages that best match some words") { query, k };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var clock = Stopwatch.StartNew();
            var text = parse.GetValue(query) ?? string.Empty;
            var passages = await context.Get<IPassageSearch>().SearchAsync(text, parse.GetValue(k), token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    query = text,
                    passages = passages.Select(CliJson.FromPassage).ToList(),
                    elapsedMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
                });
                return CliRunner.Success;
            }

            var catalog = context.Get<IArticleCatalog>();
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in passages.Select(p => p.Passage.ArticleId).Distinct())
            {
                titles[id] = (await catalog.GetAsync(id, token).ConfigureAwait(false))?.Title ?? id;
            }
            context.Console.Passages(passages, titles);
            return CliRunner.Success;
        }, ct));
        return command;
    }
}
