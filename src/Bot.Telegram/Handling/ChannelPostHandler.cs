using Bot.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace Bot.Telegram.Handling;

/// <summary>
/// Posts in the channels of <see cref="TelegramOptions.SourceChannelIds"/> (the bot must be an admin there to see
/// them) become articles: the text or caption, the post's date and a link to the post. An edited post replaces
/// its article. Posts in other channels, and posts without text, are ignored. The bot never writes in a channel.
/// </summary>
internal sealed partial class ChannelPostHandler(IArticleIntake intake, IOptions<TelegramOptions> options, ILogger<ChannelPostHandler> logger)
{
    public async Task HandleAsync(Message post, bool edited, CancellationToken cancellationToken)
    {
        if (!options.Value.SourceChannelIds.Contains(post.Chat.Id))
        {
            LogIgnored(post.Chat.Id);
            return;
        }
        if ((post.Text ?? post.Caption) is not { Length: > 0 } text)
        {
            return;
        }
        var result = await intake.AddChannelPostAsync(
            new ChannelPost(post.Chat.Id, post.Chat.Username, post.Chat.Title, post.MessageId, post.Date, text, edited), cancellationToken)
            .ConfigureAwait(false);
        LogTaken(post.Chat.Id, post.MessageId, result.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a post in channel {ChannelId}: not in Telegram:SourceChannelIds")]
    private partial void LogIgnored(long channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId} post {MessageId}: {Status}")]
    private partial void LogTaken(long channelId, int messageId, IntakeStatus status);
}
