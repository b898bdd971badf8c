using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>summary &lt;article&gt;</c> (id, list number or title words), <c>summary --all</c> (a page of the list), or
/// <c>summary --topic WORDS [--from D --to D] [--latest]</c> (the topic's timeline, or its newest stories first).
/// </summary>
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
        var topic = new Option<string?>("--topic") { Description = "A topic's timeline: one dated, cited line per story", HelpName = "WORDS" };
        var from = new Option<DateOnly?>("--from") { Description = "With --topic: first day", HelpName = "YYYY-MM-DD" };
        var to = new Option<DateOnly?>("--to") { Description = "With --topic: last day", HelpName = "YYYY-MM-DD" };
        var latest = new Option<bool>("--latest") { Description = "With --topic: the newest stories first («ما آخر الأخبار عن …»)" };
        var list = new ArticleListOptions();
        var command = new Command("summary", "Summarise one article, list them with --all, or a topic's timeline with --topic")
        {
            article, all, topic, from, to, latest,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(topic) is null && (r.GetValue(from) is not null || r.GetValue(to) is not null || r.GetValue(latest)))
            {
                r.AddError("--from, --to and --latest go with --topic WORDS.");
            }
        });
        list.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            if (parse.GetValue(topic) is { } words)
            {
                var timeline = await context.Get<ITimelineService>()
                    .BuildAsync(new TimelineRequest(words, parse.GetValue(from), parse.GetValue(to), parse.GetValue(latest)), token).ConfigureAwait(false);
                if (context.Json)
                {
                    context.WriteJson(CliJson.FromTimeline(timeline));
                }
                else
                {
                    context.Console.Summary(DigestText.ToSummary(timeline));
                }
                return timeline.Lines.Count > 0 ? CliRunner.Success : CliRunner.Failure;
            }
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
