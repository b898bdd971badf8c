using System.CommandLine;
using Bot.Core.Arabic;
using Bot.Core.Sources;

namespace Bot.Cli.Commands;

/// <summary><c>add &lt;url&gt;</c>: fetches a page, extracts its article and adds it to the archive.</summary>
internal static class AddCommand
{
    public const string AlreadyPresent = "هذه المقالة موجودة مسبقًا";

    public static Command Create(GlobalOptions global)
    {
        var url = new Argument<string>("url") { Description = "Address (http or https) of an article page" };
        var command = new Command("add", "Fetch an article page and add it to the archive") { url };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var result = await context.Get<IArticleIntake>().AddLinkAsync(parse.GetValue(url)!, token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    status = result.Status.ToString().ToLowerInvariant(),
                    id = result.Article?.Id,
                    title = result.Article?.Title,
                    date = result.Article?.Date,
                    url = result.Article?.Url,
                    articles = result.ArticleCount,
                    error = result.Problem,
                });
            }
            else if (result.Status == IntakeStatus.Failed)
            {
                await context.Error.WriteLineAsync($"Error: {result.Problem}").ConfigureAwait(false);
            }
            else
            {
                var article = result.Article!;
                context.Console.Line(result.Status == IntakeStatus.Duplicate ? $"{AlreadyPresent}: «{article.Title}»" : $"أُضيفت المقالة «{article.Title}»");
                context.Console.Line($"{ArabicDates.Format(article.Date)} — {article.Url}");
                context.Out.WriteLine($"{result.ArticleCount} articles.");
            }
            return result.Status == IntakeStatus.Failed ? CliRunner.Failure : CliRunner.Success;
        }, ct));
        return command;
    }
}
