using Bot.Core.Conversations;
using Bot.Core.Summaries;
using Bot.Telegram.Formatting;
using Bot.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Handling;

/// <summary>Button presses: show a cited source, record 👍/👎, open an article's summary. Every press is answered.</summary>
internal sealed class CallbackHandler(
    ITelegramBotClient bot,
    CallbackTokens tokens,
    IFeedbackStore feedback,
    ISummarizer summarizer,
    QuestionHandler questions,
    BotSender sender,
    SentArticles sentArticles)
{
    public async Task HandleAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chat = query.Message?.Chat;
        string? notice = null;
        switch (tokens.Find(query.Data))
        {
            case ShowSource source when chat is not null:
                var sent = await sender.SendAsync(chat, TelegramHtml.Source(source.Citation), cancellationToken, replyTo: query.Message!.MessageId)
                    .ConfigureAwait(false);
                sentArticles.Remember(chat.Id, sent.MessageId, source.Citation.ArticleId);
                break;
            case GiveFeedback vote:
                var conversation = vote.Conversation with { UserId = query.From.Id };
                await feedback.AddAsync(new Feedback(conversation, vote.Question, vote.Answer, vote.Helpful, DateTimeOffset.UtcNow), cancellationToken)
                    .ConfigureAwait(false);
                notice = BotTexts.Thanks;
                break;
            case ShowSummary show when chat is not null:
                var summary = await summarizer.SummarizeAsync(show.ArticleId, cancellationToken).ConfigureAwait(false);
                if (summary is not null)
                {
                    await questions.SendSummaryAsync(chat, summary, query.Message!.MessageId, cancellationToken).ConfigureAwait(false);
                }
                break;
            default:
                notice = BotTexts.Expired;
                break;
        }
        await AnswerAsync(query, notice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers the press (stops the button's spinner), with an optional short notice.</summary>
    public Task AnswerAsync(CallbackQuery query, string? notice, CancellationToken cancellationToken) =>
        bot.AnswerCallbackQuery(query.Id, notice, cancellationToken: cancellationToken);
}
