using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary><c>summary &lt;article&gt;</c> (id, list number or title words) or <c>summary --all</c> (a page of the list).</summary>
internal static class SummaryCommand
{
    public static Command Create(GlobalOptions global)
    {
        var article = new Argument<string?>("article")
        {
            Description = "Article id, its number in `articles`, or words from its title",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "The list of articles to choose from, newest first (--page, --limit)" };
        var list = new ArticleListOptions();
        var command = new Command("summary", "Summarise one article, or list them with --all") { article, all };
        list.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var summarizer = context.Get<ISummarizer>();
            var reference = parse.GetValue(article);
            if (parse.GetValue(all) || string.IsNullOrWhiteSpace(reference))
            {
                return await ArticleListOptions.ShowAsync(context, list.Query(parse, filter: null), token).ConfigureAwait(false);
            }

            var found = await context.Get<IArticleCatalog>().ResolveAsync(reference, token).ConfigureAwait(false);
            var summary = found is null ? null : await summarizer.SummarizeAsync(found.Id, token).ConfigureAwait(false);
            if (summary is null)
            {
                await context.Error.WriteLineAsync(ArabicMessages.ArticleNotFound.Replace("/articles", "articles")).ConfigureAwait(false);
                return CliRunner.Failure;
            }

            if (context.Json)
            {
                context.WriteJson(CliJson.FromSummary(summary));
            }
            else
            {
                context.Console.Summary(summary);
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }
}
