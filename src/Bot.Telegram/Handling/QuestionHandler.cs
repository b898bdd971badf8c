using System.Diagnostics;
using System.Text;
using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Core.Summaries;
using Bot.Telegram.Formatting;
using Bot.Telegram.Hosting;
using Bot.Telegram.Sending;
using Bot.Telegram.State;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Handling;

/// <summary>
/// Answers a question: typing action, the answer (streamed into one message with throttled edits when the answerer
/// streams), then the final cited text with a button for each cited source and 👍/👎 buttons.
/// </summary>
internal sealed class QuestionHandler(
    ConversationFlow flow,
    BotSender sender,
    CallbackTokens tokens,
    ISentArticleStore sentArticles,
    BotMetrics metrics,
    TimeProvider clock,
    IOptions<TelegramOptions> options)
{
    public async Task AnswerAsync(Message message, string text, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        await sender.TypingAsync(chat, cancellationToken).ConfigureAwait(false);

        if (ChatIntent.Parse(text) is ChatIntent.TopicSummary request)
        {
            var summary = await flow.SummarizeTopicAsync(request.Topic, request.Latest, cancellationToken).ConfigureAwait(false);
            await SendSummaryAsync(chat, summary, message.MessageId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = ConversationOf(message);
        var started = clock.GetTimestamp();
        var answer = await StreamAsync(chat, flow.AskAsync(key, text, cancellationToken), message.MessageId, key, cancellationToken)
            .ConfigureAwait(false);
        metrics.Answered(answer, clock.GetElapsedTime(started));
    }

    /// <summary>Per user within a chat, so memory never leaks across chats or between members of a group.</summary>
    public static ConversationKey ConversationOf(Message message) => new("telegram", message.Chat.Id, message.From?.Id ?? message.Chat.Id);

    public async Task SendSummaryAsync(Chat chat, Summary summary, int? replyTo, CancellationToken cancellationToken)
    {
        var keyboard = await SourceButtonsAsync(summary.Citations, feedback: null, conversation: default, cancellationToken).ConfigureAwait(false);
        var sent = await sender.SendAsync(chat, TelegramHtml.Summary(summary), keyboard, replyTo, cancellationToken).ConfigureAwait(false);
        if (summary.ArticleId.Length > 0)
        {
            await sentArticles.RememberAsync(chat.Id, sent.MessageId, summary.ArticleId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Answer> StreamAsync(
        Chat chat, IAsyncEnumerable<AnswerUpdate> updates, int replyTo, ConversationKey conversation, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.StreamEditIntervalSeconds);
        var clock = Stopwatch.StartNew();
        var lastEdit = TimeSpan.Zero;
        var partial = new StringBuilder();
        Message? progress = null;
        Answer? final = null;

        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (update.Final is { } done)
            {
                final = done;
                break;
            }
            partial.Append(update.Delta);
            // Show progress only for slow answers, at most one edit per interval; fast answers arrive in one message.
            if (clock.Elapsed - lastEdit < interval || partial.Length == 0)
            {
                continue;
            }
            var preview = TelegramHtml.Escape(Tail(partial.ToString())) + " ⏳";
            if (progress is null)
            {
                progress = await sender.SendAsync(chat, preview, cancellationToken, replyTo: replyTo).ConfigureAwait(false);
            }
            else
            {
                await sender.EditAsync(chat, progress.MessageId, preview, null, cancellationToken).ConfigureAwait(false);
            }
            lastEdit = clock.Elapsed;
        }

        if (final is null)
        {
            throw new InvalidOperationException("The conversation flow ended without a final answer.");
        }
        var parts = TelegramHtml.Answer(final);
        var keyboard = final.Rejected ? null : await SourceButtonsAsync(final.Citations, final, conversation, cancellationToken).ConfigureAwait(false);
        if (progress is null)
        {
            await sender.SendAsync(chat, parts, keyboard, replyTo, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The progress message becomes the first part (no «⏳» left behind); the rest follow, buttons on the last.
            await sender.EditAsync(chat, progress.MessageId, parts[0], parts.Count == 1 ? keyboard : null, cancellationToken).ConfigureAwait(false);
            if (parts.Count > 1)
            {
                await sender.SendAsync(chat, parts.Skip(1).ToList(), keyboard, null, cancellationToken).ConfigureAwait(false);
            }
        }
        return final;
    }

    /// <summary>One button per cited source, then 👍/👎 when this is an answer.</summary>
    private async Task<InlineKeyboardMarkup?> SourceButtonsAsync(
        IReadOnlyList<Citation> citations, Answer? feedback, ConversationKey conversation, CancellationToken cancellationToken)
    {
        var actions = citations.Select(c => (ButtonAction)new ShowSource(c)).ToList();
        var vote = feedback is { Found: true };
        if (vote)
        {
            actions.Add(new GiveFeedback(conversation, feedback!.Question, feedback.Text, true));
            actions.Add(new GiveFeedback(conversation, feedback.Question, feedback.Text, false));
        }
        if (actions.Count == 0)
        {
            return null;
        }
        var keys = await tokens.RegisterAsync(actions, cancellationToken).ConfigureAwait(false);
        var rows = citations
            .Select((c, i) => new[] { InlineKeyboardButton.WithCallbackData(TelegramHtml.SourceButton(c), keys[i]) })
            .ToList();
        if (vote)
        {
            rows.Add([InlineKeyboardButton.WithCallbackData("👍", keys[^2]), InlineKeyboardButton.WithCallbackData("👎", keys[^1])]);
        }
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>Characters of a growing answer shown while it streams: its end, with room under Telegram's 4,096 for the «⏳» and HTML escapes.</summary>
    private const int PreviewBudget = 3500;

    private static string Tail(string text) => text.Length <= PreviewBudget ? text : "…" + text[^PreviewBudget..];
}
