using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Search;

namespace Bot.Cli.Commands;

/// <summary><c>--page</c> and <c>--limit</c> for commands that list articles: an archive is shown a page at a time.</summary>
internal sealed class ArticleListOptions
{
    public Option<int> Page { get; } = new("--page") { Description = "Which page of the list (newest first)", DefaultValueFactory = _ => 1 };

    public Option<int> Limit { get; } = new("--limit") { Description = "Articles per page", DefaultValueFactory = _ => 20 };

    public ArticleListOptions()
    {
        Page.Validators.Add(r => Check(r, "--page", 1, int.MaxValue));
        Limit.Validators.Add(r => Check(r, "--limit", 1, ArticleListQuery.MaxPageSize));
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Page);
        command.Options.Add(Limit);
    }

    public ArticleListQuery Query(ParseResult parse, string? filter) => new(parse.GetValue(Page), parse.GetValue(Limit), filter);

    /// <summary>Prints the page (or its JSON) with where it stands in the whole list.</summary>
    public static async Task<int> ShowAsync(CliContext context, ArticleListQuery query, CancellationToken cancellationToken)
    {
        var page = await context.Get<IArticleCatalog>().PageAsync(query, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new
            {
                total = page.Total,
                page = page.Page,
                pages = page.PageCount,
                articles = page.Items.Select(CliJson.FromArticle).ToList(),
            });
        }
        else
        {
            context.Console.Articles(page);
        }
        return CliRunner.Success;
    }

    private static void Check(System.CommandLine.Parsing.OptionResult result, string name, int min, int max)
    {
        // A value that is not a number is already reported by the parser.
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var value) && (value < min || value > max))
        {
            result.AddError($"{name} must be between {min} and {max}.");
        }
    }
}
