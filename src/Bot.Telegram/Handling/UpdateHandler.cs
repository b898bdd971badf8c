using Bot.Telegram.Hosting;
using Bot.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Handling;

/// <summary>
/// Routes one update. Messages, button presses and posts in followed channels are handled; edited messages are
/// ignored on purpose (an edit is not a new question). A failure is logged and the user
/// gets a polite Arabic apology; it never escapes to stop the polling loop.
/// </summary>
internal sealed partial class UpdateHandler(
    ChatGate gate,
    QuestionHandler questions,
    CommandHandler commands,
    CallbackHandler callbacks,
    DocumentHandler documents,
    LinkHandler links,
    ChannelPostHandler channelPosts,
    BotSender sender,
    BotMetrics metrics,
    ILogger<UpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var press = update.CallbackQuery is { } pressed ? new Press(pressed) : null;
        try
        {
            await (update switch
            {
                { Message: { } message } => OnMessageAsync(message, cancellationToken),
                { CallbackQuery: not null } => OnCallbackAsync(press!, cancellationToken),
                { ChannelPost: { } post } => channelPosts.HandleAsync(post, edited: false, cancellationToken),
                { EditedChannelPost: { } post } => channelPosts.HandleAsync(post, edited: true, cancellationToken),
                { EditedMessage: not null } => Ignore(update),
                _ => Ignore(update),
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) // One bad update must never stop the others.
        {
            LogFailed(ex, update.Id, update.Type);
            metrics.Failed(update);
            if (press is { Answered: false })
            {
                // Answer the press so the button stops spinning, with the apology as its notice.
                try
                {
                    await callbacks.AnswerAsync(press, BotTexts.Failure, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception apology) when (apology is not OperationCanceledException)
                {
                    LogApologyFailed(apology.Message, press.Query.Message?.Chat.Id ?? press.Query.From.Id);
                }
            }
            else if ((update.Message ?? update.CallbackQuery?.Message)?.Chat is { } chat)
            {
                try
                {
                    await sender.SendTextAsync(chat, BotTexts.Failure, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception apology) when (apology is not OperationCanceledException)
                {
                    LogApologyFailed(apology.Message, chat.Id);
                }
            }
        }
    }

    private async Task OnMessageAsync(Message message, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        if (!gate.IsAllowed(chat.Id))
        {
            if (gate.ShouldRefuse(chat.Id))
            {
                await sender.SendTextAsync(chat, BotTexts.NotAllowed, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (!gate.IsAddressed(message) || SenderOf(message) is not { } senderId)
        {
            return;
        }
        switch (await gate.TryAcquireAsync(senderId, cancellationToken).ConfigureAwait(false))
        {
            case RateDecision.Warn:
                await sender.SendTextAsync(chat, BotTexts.RateLimited, cancellationToken, message.MessageId).ConfigureAwait(false);
                return;
            case RateDecision.Drop:
                LogRateDropped(senderId);
                return;
        }

        switch (message)
        {
            case { Text: { } text } when text.TrimStart().StartsWith('/'):
                var (command, argument) = SplitCommand(gate.Clean(text));
                if (!CommandHandler.IsKnown(command) && ChatGate.IsGroup(chat) && !gate.NamesBot(text))
                {
                    // «/foo» without @ourbot in a group is probably for another bot there: stay quiet.
                    LogIgnored("unknown group command");
                    break;
                }
                if (command == "/add")
                {
                    await links.HandleAsync(message, argument, cancellationToken).ConfigureAwait(false);
                    break;
                }
                await commands.HandleAsync(message, command, argument, cancellationToken).ConfigureAwait(false);
                break;
            case { Text: { } text } when LinkHandler.IsLink(gate.Clean(text)):
                await links.HandleAsync(message, gate.Clean(text), cancellationToken).ConfigureAwait(false);
                break;
            case { Text: { } text }:
                await questions.AnswerAsync(message, gate.Clean(text), cancellationToken).ConfigureAwait(false);
                break;
            case { Document: { } document }:
                await documents.HandleAsync(message, document, cancellationToken).ConfigureAwait(false);
                break;
            case { Type: MessageType.Photo or MessageType.Sticker or MessageType.Voice or MessageType.Audio or MessageType.Video
                or MessageType.VideoNote or MessageType.Animation or MessageType.Location or MessageType.Venue or MessageType.Poll
                or MessageType.Contact or MessageType.Dice }:
                await sender.SendTextAsync(chat, BotTexts.Unsupported, cancellationToken, message.MessageId).ConfigureAwait(false);
                break;
            default:
                LogIgnored(message.Type.ToString());
                break;
        }
    }

    /// <summary>A press counts in its user's limit like a message: it can ask for a summary, i.e. call the model.</summary>
    private async Task OnCallbackAsync(Press press, CancellationToken cancellationToken)
    {
        var query = press.Query;
        if (query.Message is { } message && !gate.IsAllowed(message.Chat.Id))
        {
            await callbacks.AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (await gate.TryAcquireAsync(query.From.Id, cancellationToken).ConfigureAwait(false))
        {
            case RateDecision.Warn:
                await callbacks.AnswerAsync(press, BotTexts.RateLimited, cancellationToken).ConfigureAwait(false);
                return;
            case RateDecision.Drop:
                LogRateDropped(query.From.Id);
                await callbacks.AnswerAsync(press, null, cancellationToken).ConfigureAwait(false);
                return;
        }
        await callbacks.HandleAsync(press, cancellationToken).ConfigureAwait(false);
    }

    private Task Ignore(Update update)
    {
        LogIgnored(update.Type.ToString());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Who wrote: the user, or the chat an anonymous group admin or a channel speaks for (Telegram then puts the
    /// shared GroupAnonymousBot in <c>from</c>). Null for other bots and for channel posts copied automatically into
    /// a linked discussion group: the bot does not answer those.
    /// </summary>
    internal static long? SenderOf(Message message) => message switch
    {
        { IsAutomaticForward: true } => null,
        { SenderChat: { } onBehalfOf } => onBehalfOf.Id,
        { From: { IsBot: false } user } => user.Id,
        _ => null,
    };

    /// <summary>«/summary@MyBot 2» → ("/summary", "2"), as every front-end reads it.</summary>
    internal static (string Command, string Argument) SplitCommand(string text) => Core.Conversations.ChatIntent.SplitCommand(text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} ({Type}) failed")]
    private partial void LogFailed(Exception exception, int updateId, UpdateType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the apology to chat {ChatId}: {Reason}")]
    private partial void LogApologyFailed(string reason, long chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {UserId} is over the rate limit and was already told; request dropped")]
    private partial void LogRateDropped(long userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {Kind} update")]
    private partial void LogIgnored(string kind);
}
