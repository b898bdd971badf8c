using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary><c>summary &lt;article&gt;</c> (id, list number or title words) or <c>summary --all</c> (digest).</summary>
internal static class SummaryCommand
{
    public static Command Create(GlobalOptions global)
    {
        var article = new Argument<string?>("article")
        {
            Description = "Article id, its number in `articles`, or words from its title",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "A digest of all articles, newest first" };
        var command = new Command("summary", "Summarise one article, or all of them with --all") { article, all };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var summarizer = context.Get<ISummarizer>();
            var reference = parse.GetValue(article);
            if (parse.GetValue(all) || string.IsNullOrWhiteSpace(reference))
            {
                var digest = await summarizer.DigestAsync(token).ConfigureAwait(false);
                if (context.Json)
                {
                    context.WriteJson(new { articles = digest.Articles.Select(CliJson.FromArticle).ToList() });
                }
                else
                {
                    context.Console.Articles(digest.Articles);
                }
                return CliRunner.Success;
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
