using System.Globalization;
using Bot.Core.Corpus;
using Bot.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Handling;

/// <summary>Documents from admins become articles; anyone else gets a polite refusal and nothing changes.</summary>
internal sealed partial class DocumentHandler(
    ITelegramBotClient bot, IArticleIngestor ingestor, ChatGate gate, BotSender sender, ILogger<DocumentHandler> logger)
{
    public async Task HandleAsync(Message message, Document document, CancellationToken cancellationToken)
    {
        if (!gate.IsAdmin(message.From?.Id))
        {
            await sender.SendTextAsync(message.Chat, BotTexts.DocumentNotAdmin, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }
        if (document.FileSize > ArticleLimits.MaxFileBytes)
        {
            await sender.SendTextAsync(message.Chat, ArticleLimits.FileTooBig, cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }

        using var content = new MemoryStream();
        await bot.GetInfoAndDownloadFile(document.FileId, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        try
        {
            var result = await ingestor.AddAsync(document.FileName ?? "article.txt", content, cancellationToken).ConfigureAwait(false);
            LogUploaded(message.From!.Id, result.Article.Id, result.Added, result.AlreadyArchived);
            await sender.SendTextAsync(message.Chat, Reply(result), cancellationToken, message.MessageId).ConfigureAwait(false);
        }
        catch (InvalidArticleException ex)
        {
            await sender.SendTextAsync(message.Chat, ex.Message, cancellationToken, message.MessageId).ConfigureAwait(false);
        }
    }

    /// <summary>What the upload became: added, already in the archive, or partly both (a file of several articles).</summary>
    private static string Reply(IngestResult result)
    {
        if (result.Added == 0)
        {
            return string.Format(CultureInfo.InvariantCulture, BotTexts.DocumentAlreadyArchived, result.Article.Title, result.ArticleCount);
        }
        var added = string.Format(CultureInfo.InvariantCulture, BotTexts.DocumentAdded, result.Article.Title, result.ArticleCount);
        return result.AlreadyArchived == 0
            ? added
            : added + "\n" + string.Format(CultureInfo.InvariantCulture, BotTexts.DocumentPartlyArchived, result.AlreadyArchived);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} uploaded article {ArticleId}: {Added} added, {AlreadyArchived} already archived")]
    private partial void LogUploaded(long userId, string articleId, int added, int alreadyArchived);
}
