using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Search;

namespace Bot.Cli.Commands;

/// <summary><c>articles</c>: number, id, title, date and passage count of every article.</summary>
internal static class ArticlesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("articles", "List the articles, newest first");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var articles = await context.Get<IArticleCatalog>().ListAsync(token).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { articles = articles.Select(CliJson.FromArticle).ToList() });
            }
            else
            {
                context.Console.Articles(articles);
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }
}
