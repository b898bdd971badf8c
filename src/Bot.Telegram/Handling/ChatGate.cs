using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Handling;

/// <summary>The bot's own identity, read with getMe at start.</summary>
internal sealed class BotIdentity
{
    public long Id { get; set; }
    public string Username { get; set; } = string.Empty;
}

/// <summary>
/// Who the bot answers: allowed chats only (one polite refusal a day per other chat); in groups only commands, mentions
/// and replies to its own messages; each user at most <see cref="TelegramOptions.RateLimitPerMinute"/> requests a minute.
/// </summary>
internal sealed class ChatGate(IOptions<TelegramOptions> options, BotIdentity identity, IRequestLimits limits)
{

    public bool IsAllowed(long chatId) => options.Value.AllowedChatIds.Length == 0 || options.Value.AllowedChatIds.Contains(chatId);

    /// <summary>True only the first time a chat that is not allowed writes, so it gets one refusal, not one per message.</summary>
    public bool ShouldRefuse(long chatId) => limits.ShouldRefuse(chatId);

    public bool IsAdmin(long? userId) => userId is { } id && options.Value.AdminIds.Contains(id);

    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    /// <summary>Whether a message in this chat is addressed to the bot.</summary>
    public bool IsAddressed(Message message)
    {
        if (!IsGroup(message.Chat))
        {
            return true;
        }
        var text = message.Text ?? message.Caption ?? string.Empty;
        if (text.StartsWith('/'))
        {
            var command = text.Split(' ', 2)[0];
            var at = command.IndexOf('@');
            return at < 0 || command[(at + 1)..].Equals(identity.Username, StringComparison.OrdinalIgnoreCase);
        }
        return (identity.Username.Length > 0 && text.Contains("@" + identity.Username, StringComparison.OrdinalIgnoreCase))
               || message.ReplyToMessage?.From?.Id == identity.Id;
    }

    /// <summary>Whether a command names this bot explicitly («/summary@ourbot»).</summary>
    public bool NamesBot(string text)
    {
        var command = text.TrimStart().Split([' ', '\n'], 2)[0];
        var at = command.IndexOf('@');
        return at >= 0 && identity.Username.Length > 0 && command[(at + 1)..].Equals(identity.Username, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes the bot's @mention and a /command@bot suffix from the text.</summary>
    public string Clean(string text) =>
        identity.Username.Length == 0 ? text.Trim() : text.Replace("@" + identity.Username, string.Empty, StringComparison.OrdinalIgnoreCase).Trim();

    /// <summary>Counts a request (a message or a button press) against the user's per-minute limit.</summary>
    public ValueTask<RateDecision> TryAcquireAsync(long userId, CancellationToken cancellationToken) =>
        limits.TryAcquireAsync(userId, cancellationToken);
}
