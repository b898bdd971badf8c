using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;
using Bot.Core.Conversations;

namespace Bot.Cli.Commands;

/// <summary><c>chat</c>: a conversation in the terminal, with follow-up questions and the bot's commands.</summary>
internal static class ChatCommand
{
    private static readonly ConversationKey Console = new("console", 0, 0);
    private const int PageSize = 10;

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
        // Every chat session starts a new conversation (the store may be state.db, which outlives the session).
        await context.Get<ConversationFlow>().ResetAsync(Console, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads the line as every front-end does and prints what the shared conversation flow gives.</summary>
    private static async Task HandleAsync(CliContext context, string text, CancellationToken cancellationToken)
    {
        var screen = context.Console;
        var flow = context.Get<ConversationFlow>();
        switch (ChatIntent.Parse(text))
        {
            case ChatIntent.Help:
                screen.Line(Help);
                break;
            case ChatIntent.Articles list:
                screen.Articles(await flow.ArticlesAsync(1, PageSize, list.Filter, cancellationToken).ConfigureAwait(false));
                break;
            case ChatIntent.ArticleSummary wanted:
                var summary = await flow.SummarizeAsync(wanted.Reference, cancellationToken).ConfigureAwait(false);
                if (summary is null)
                {
                    screen.Line(ArabicMessages.ArticleNotFound);
                }
                else
                {
                    screen.Summary(summary);
                }
                break;
            case ChatIntent.TopicSummary topic:
                screen.Summary(await flow.SummarizeTopicAsync(topic.Topic, topic.Latest, cancellationToken).ConfigureAwait(false));
                break;
            case ChatIntent.Reset:
                await flow.ResetAsync(Console, cancellationToken).ConfigureAwait(false);
                screen.Line(ArabicMessages.Reset);
                break;
            case ChatIntent.Ask question:
                screen.Answer(await flow.AnswerAsync(Console, question.Text, cancellationToken).ConfigureAwait(false));
                break;
            default:
                screen.Line(ArabicMessages.UnknownCommand);
                break;
        }
    }
}
