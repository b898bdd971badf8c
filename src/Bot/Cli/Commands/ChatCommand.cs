using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Commands;

/// <summary><c>chat</c>: a conversation in the terminal, with follow-up questions and the bot's commands.</summary>
internal static class ChatCommand
{
    private static readonly ConversationKey Console = new("console", 0, 0);

    private const string Help = """
        اكتب سؤالك بالعربية، أو أحد الأوامر:
          /articles        قائمة المقالات
          /summary         موجز كل المقالات
          /summary 2       ملخص المقالة رقم 2 (أو كلمات من عنوانها)
          لخّص ما تقوله المقالات عن …   ملخص موضوع عبر المقالات
          /reset           بدء محادثة جديدة
          /exit            الخروج
        """;

    public static Command Create(GlobalOptions global)
    {
        var command = new Command("chat", "Talk with the bot in the terminal (/summary, /articles, /reset, /exit)");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, (context, token) => RunAsync(context, System.Console.In, token), ct));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, TextReader input, CancellationToken cancellationToken)
    {
        var screen = context.Console;
        screen.Line("مرحبًا! أنا بوت الأسئلة عن المقالات العربية.");
        screen.Line(Help);
        while (true)
        {
            await context.Out.WriteAsync("\n> ").ConfigureAwait(false);
            await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "/exit" or "/quit" or "خروج")
            {
                screen.Line("مع السلامة!");
                return CliRunner.Success;
            }

            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            await HandleAsync(context, text, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task HandleAsync(CliContext context, string text, CancellationToken cancellationToken)
    {
        var screen = context.Console;
        var (command, argument) = SplitCommand(text);
        switch (command)
        {
            case "/help" or "/start":
                screen.Line(Help);
                break;
            case "/articles":
                screen.Articles(await context.Get<IArticleCatalog>().PageAsync(new ArticleListQuery(1, 10, argument), cancellationToken).ConfigureAwait(false));
                break;
            case "/summary" when argument.Length == 0:
                screen.Articles(await context.Get<IArticleCatalog>().PageAsync(new ArticleListQuery(1, 10), cancellationToken).ConfigureAwait(false));
                break;
            case "/summary":
                var article = await context.Get<IArticleCatalog>().ResolveAsync(argument, cancellationToken).ConfigureAwait(false);
                var summary = article is null ? null : await context.Get<ISummarizer>().SummarizeAsync(article.Id, cancellationToken).ConfigureAwait(false);
                if (summary is null)
                {
                    screen.Line(ArabicMessages.ArticleNotFound);
                }
                else
                {
                    screen.Summary(summary);
                }
                break;
            case "/reset":
                await context.Get<IConversationStore>().ResetAsync(Console, cancellationToken).ConfigureAwait(false);
                screen.Line("بدأنا محادثة جديدة.");
                break;
            case not null:
                screen.Line("أمر غير معروف. اكتب /help لعرض الأوامر.");
                break;
            case null when TopicRequest.TryParseQuery(text, out TopicQuery topic):
                var timeline = await context.Get<ITimelineService>()
                    .BuildAsync(new TimelineRequest(topic.Topic, NewestFirst: topic.Latest), cancellationToken).ConfigureAwait(false);
                screen.Summary(timeline.Lines.Count > 0
                    ? DigestText.ToSummary(timeline)
                    : await context.Get<ISummarizer>().SummarizeTopicAsync(topic.Topic, cancellationToken).ConfigureAwait(false));
                break;
            default:
                await AnswerAsync(context, text, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static async Task AnswerAsync(CliContext context, string text, CancellationToken cancellationToken)
    {
        var store = context.Get<IConversationStore>();
        var history = await store.GetAsync(Console, cancellationToken).ConfigureAwait(false);
        var answer = await context.Get<IAnswerer>().AnswerAsync(new Question(text, history), cancellationToken).ConfigureAwait(false);
        context.Console.Answer(answer);
        if (!answer.Rejected)
        {
            await store.AppendAsync(Console, new ConversationTurn(text, answer.Text, DateTimeOffset.UtcNow), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static (string? Command, string Argument) SplitCommand(string text)
    {
        if (!text.StartsWith('/'))
        {
            return (null, text);
        }
        var space = text.IndexOf(' ');
        return space < 0 ? (text.ToLowerInvariant(), string.Empty) : (text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }
}
