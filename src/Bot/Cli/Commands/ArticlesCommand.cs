using System.CommandLine;

namespace Bot.Cli.Commands;

/// <summary><c>articles [words] [--page P] [--limit N]</c>: a page of the article list, newest first.</summary>
internal static class ArticlesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var filter = new Argument<string?>("words") { Description = "Only articles whose title has one of these words", Arity = ArgumentArity.ZeroOrOne };
        var list = new ArticleListOptions();
        var command = new Command("articles", "List the articles, newest first, a page at a time") { filter };
        list.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global,
            (context, token) => ArticleListOptions.ShowAsync(context, list.Query(parse, parse.GetValue(filter)), token), ct));
        return command;
    }
}
