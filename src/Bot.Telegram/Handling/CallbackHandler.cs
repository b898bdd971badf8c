using Bot.Core.Conversations;
using Bot.Core.Summaries;
using Bot.Telegram.Formatting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Handling;

/// <summary>A button press and whether Telegram has been answered for it (it must be, exactly once).</summary>
internal sealed class Press(CallbackQuery query)
{
    public CallbackQuery Query { get; } = query;

    public bool Answered { get; set; }
}

/// <summary>
/// Button presses: show a cited source, record 👍/👎, open an article's summary, turn a page of the article list or the digest,
/// list a story's sources. Every press is answered at once,
/// before the work it asks for («⏳» while a summary is prepared), so Telegram never reports the query as too old.
/// </summary>
internal sealed class CallbackHandler(
    ITelegramBotClient bot,
    CallbackTokens tokens,
    IFeedbackStore feedback,
    ConversationFlow flow,
    QuestionHandler questions,
    BotSender sender,
    ISentArticleStore sentArticles,
    ArticleListView list,
    DigestView digest,
    TimeProvider clock)
{
    public async Task HandleAsync(Press press, CancellationToken cancellationToken)
    {
        var query = press.Query;
        var chat = query.Message?.Chat;
        switch (await tokens.FindAsync(query.Data, cancellationToken).ConfigureAwait(false))
        {
            case ShowSource source when chat is not null:
                await AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
                var sent = await sender.SendAsync(chat, TelegramHtml.Source(source.Citation), cancellationToken, replyTo: query.Message!.MessageId)
                    .ConfigureAwait(false);
                await sentArticles.RememberAsync(chat.Id, sent.MessageId, source.Citation.ArticleId, cancellationToken).ConfigureAwait(false);
                break;
            case GiveFeedback vote:
                // Storing a vote takes milliseconds: the thanks is only said once it is true.
                var conversation = vote.Conversation with { UserId = query.From.Id };
                await feedback.AddAsync(new Feedback(conversation, vote.Question, vote.Answer, vote.Helpful, clock.GetUtcNow()), cancellationToken)
                    .ConfigureAwait(false);
                await AnswerAsync(press, BotTexts.Thanks, cancellationToken).ConfigureAwait(false);
                break;
            case ShowSummary show when chat is not null:
                await AnswerAsync(press, BotTexts.PreparingSummary, cancellationToken).ConfigureAwait(false);
                var summary = await flow.SummarizeArticleAsync(show.ArticleId, cancellationToken).ConfigureAwait(false);
                if (summary is not null)
                {
                    await questions.SendSummaryAsync(chat, summary, query.Message!.MessageId, cancellationToken).ConfigureAwait(false);
                }
                break;
            case ShowArticles page when chat is not null:
                await AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
                await list.ShowAsync(chat, page.Page, page.Filter, query.Message!.MessageId, cancellationToken).ConfigureAwait(false);
                break;
            case ShowDigest page when chat is not null:
                await AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
                await digest.ShowAsync(chat, new DigestRequest(page.From, page.To), page.Page, query.Message!.MessageId, cancellationToken)
                    .ConfigureAwait(false);
                break;
            case ShowStorySources story when chat is not null:
                await AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
                await digest.ShowSourcesAsync(chat, story, query.Message!.MessageId, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await AnswerAsync(press, BotTexts.Expired, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Answers the press (stops the button's spinner), with an optional short notice.</summary>
    public async Task AnswerAsync(Press press, string? notice, CancellationToken cancellationToken)
    {
        press.Answered = true;
        await bot.AnswerCallbackQuery(press.Query.Id, notice, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
