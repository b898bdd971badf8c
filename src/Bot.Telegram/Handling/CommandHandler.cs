using Bot.Core.Answering;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Telegram.Formatting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Bot.Telegram.Subscriptions;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Handling;

/// <summary>One small method per command.</summary>
internal sealed class CommandHandler(
    IArticleCatalog catalog,
    ConversationFlow flow,
    IPassageSearch search,
    QuestionHandler questions,
    BotSender sender,
    ArticleListView list,
    DigestView digest,
    ISentArticleStore sentArticles,
    SubscriptionCommands subscriptions,
    IOptions<AnswerOptions> answer)
{
    private const int ExampleQuestions = 3;

    /// <summary>Passages a /search shows (one message, each with its article's title).</summary>
    private const int SearchResults = 5;

    public static readonly (string Command, string Description)[] Menu =
    [
        ("start", "الترحيب وأمثلة على الأسئلة"),
        ("help", "ما الذي أستطيع فعله"),
        ("digest", "أبرز قصص اليوم"),
        ("articles", "قائمة المقالات"),
        ("summary", "ملخص مقالة أو موجز كل المقالات"),
        ("search", "البحث في المقالات"),
        ("subscribe", "الموجز اليومي أو أخبار موضوع فور نشرها"),
        ("unsubscribe", "إيقاف الاشتراكات"),
        ("subscriptions", "اشتراكاتي"),
        ("reset", "بدء محادثة جديدة"),
    ];

    public static bool IsKnown(string command) => Menu.Any(c => command == "/" + c.Command);

    public Task HandleAsync(Message message, string command, string argument, CancellationToken cancellationToken) => command switch
    {
        "/start" => StartAsync(message, cancellationToken),
        "/help" => sender.SendTextAsync(message.Chat, BotTexts.Help, cancellationToken),
        "/articles" => list.ShowAsync(message.Chat, 1, argument, editMessageId: null, cancellationToken),
        "/summary" => SummaryAsync(message, argument, cancellationToken),
        "/digest" => DigestAsync(message, argument, cancellationToken),
        "/search" => SearchAsync(message, argument, cancellationToken),
        "/reset" => ResetAsync(message, cancellationToken),
        "/subscribe" => subscriptions.SubscribeAsync(message, argument, cancellationToken),
        "/unsubscribe" => subscriptions.UnsubscribeAsync(message, argument, cancellationToken),
        "/subscriptions" => subscriptions.ListAsync(message, cancellationToken),
        _ => sender.SendTextAsync(message.Chat, BotTexts.UnknownCommand, cancellationToken),
    };

    private async Task StartAsync(Message message, CancellationToken cancellationToken)
    {
        var articles = (await catalog.PageAsync(new ArticleListQuery(1, ExampleQuestions), cancellationToken).ConfigureAwait(false)).Items;
        var examples = articles.Select(a => $"• ماذا تقول المقالات عن {ExampleTopic(a.Title)}؟").ToList();
        var text = $"{BotTexts.Welcome}\n\n{BotTexts.Help}" + (examples.Count > 0 ? $"\n\n{BotTexts.ExamplesHeader}\n{string.Join("\n", examples)}" : "");
        await sender.SendTextAsync(message.Chat, text, cancellationToken).ConfigureAwait(false);
    }

    private async Task SummaryAsync(Message message, string argument, CancellationToken cancellationToken)
    {
        // «/summary» sent in reply to one of the bot's article messages summarises that article.
        var repliedArticle = message.ReplyToMessage is { } replied
            ? await sentArticles.FindAsync(message.Chat.Id, replied.MessageId, cancellationToken).ConfigureAwait(false)
            : null;
        if (argument.Length == 0 && repliedArticle is null)
        {
            // Without an article, the newest ones to choose from (one page, buttons open each summary).
            await list.ShowAsync(message.Chat, 1, filter: null, editMessageId: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var summary = repliedArticle is not null
            ? await flow.SummarizeArticleAsync(repliedArticle, cancellationToken).ConfigureAwait(false)
            : await flow.SummarizeAsync(argument, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            await sender.SendTextAsync(message.Chat, ArabicMessages.ArticleNotFound, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }
        await questions.SendSummaryAsync(message.Chat, summary, message.MessageId, cancellationToken).ConfigureAwait(false);
    }


    private async Task DigestAsync(Message message, string argument, CancellationToken cancellationToken)
    {
        if (!DigestPeriod.TryParse(argument, DigestView.PageSize, out var request))
        {
            await sender.SendTextAsync(message.Chat, BotTexts.DigestUsage, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }
        await sender.TypingAsync(message.Chat, cancellationToken).ConfigureAwait(false);
        await digest.ShowAsync(message.Chat, request, 1, editMessageId: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task SearchAsync(Message message, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
        {
            await sender.SendTextAsync(message.Chat, BotTexts.SearchUsage, cancellationToken).ConfigureAwait(false);
            return;
        }
        var guarded = QuestionGuard.Check(argument, answer.Value.MaxQuestionLength); // the same limit as a question
        if (guarded.IsRejected)
        {
            await sender.SendTextAsync(message.Chat, guarded.Rejection!, cancellationToken).ConfigureAwait(false);
            return;
        }
        var passages = await search.SearchAsync(guarded.Text, SearchResults, cancellationToken).ConfigureAwait(false);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in passages.Select(p => p.Passage.ArticleId).Distinct())
        {
            titles[id] = (await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Title ?? id;
        }
        await sender.SendAsync(message.Chat, TelegramHtml.Passages(guarded.Text, passages, titles), null, message.MessageId, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task ResetAsync(Message message, CancellationToken cancellationToken)
    {
        await flow.ResetAsync(QuestionHandler.ConversationOf(message), cancellationToken).ConfigureAwait(false);
        await sender.SendTextAsync(message.Chat, BotTexts.Reset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first words of a title, enough to find the article again.</summary>
    internal static string ExampleTopic(string title) =>
        string.Join(' ', title.TrimEnd('…', '.', '؟', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(7));
}
