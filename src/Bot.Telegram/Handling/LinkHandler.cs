using System.Globalization;
using Bot.Core.Arabic;
using Bot.Core.Sources;
using Bot.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Bot.Telegram.Handling;

/// <summary>
/// A link (or <c>/add &lt;url&gt;</c>) from an admin: the page is fetched, its article extracted and added; the reply
/// gives the title, date and new article count, or says the article is already there. Anyone else gets a polite
/// refusal and nothing is fetched.
/// </summary>
internal sealed partial class LinkHandler(IArticleIntake intake, ChatGate gate, BotSender sender, ILogger<LinkHandler> logger)
{
    /// <summary>A message that is nothing but one http(s) address.</summary>
    public static bool IsLink(string text)
    {
        var trimmed = text.Trim();
        return !trimmed.Contains(' ') && !trimmed.Contains('\n')
               && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
    }

    public async Task HandleAsync(Message message, string url, CancellationToken cancellationToken)
    {
        if (!gate.IsAdmin(message.From?.Id))
        {
            await sender.SendTextAsync(message.Chat, SourceTexts.NotAdmin, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }
        if (url.Trim().Length == 0)
        {
            await sender.SendTextAsync(message.Chat, SourceTexts.Usage, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }

        await sender.TypingAsync(message.Chat, cancellationToken).ConfigureAwait(false);
        var result = await intake.AddLinkAsync(url.Trim(), cancellationToken).ConfigureAwait(false);
        LogLink(message.From!.Id, result.Status, result.Article?.Id);
        var reply = result switch
        {
            { Status: IntakeStatus.Duplicate, Article: { } existing } => $"{SourceTexts.AlreadyPresent}: «{existing.Title}».",
            { Status: IntakeStatus.Added or IntakeStatus.Updated, Article: { } added } => string.Format(
                CultureInfo.InvariantCulture, SourceTexts.Added, added.Title, ArabicDates.Format(added.Date), result.ArticleCount),
            { Refused: true } => SourceTexts.Refused,
            _ => SourceTexts.Failed,
        };
        await sender.SendTextAsync(message.Chat, reply, cancellationToken, message.MessageId).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} sent a link: {Status} {ArticleId}")]
    private partial void LogLink(long userId, IntakeStatus status, string? articleId);
}
