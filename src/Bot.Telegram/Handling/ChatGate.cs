using System.Collections.Concurrent;
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

/// <summary>What to do with a request from a user, given the per-minute limit.</summary>
internal enum RateDecision
{
    Allow,
    Warn,
    Drop,
}

/// <summary>
/// Who the bot answers: allowed chats only (one polite refusal per other chat); in groups only commands, mentions
/// and replies to its own messages; each user at most <see cref="TelegramOptions.RateLimitPerMinute"/> requests a minute.
/// </summary>
internal sealed class ChatGate(IOptions<TelegramOptions> options, BotIdentity identity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, bool> _refused = new();
    private readonly ConcurrentDictionary<long, RateWindow> _requests = new();

    public bool IsAllowed(long chatId) => options.Value.AllowedChatIds.Length == 0 || options.Value.AllowedChatIds.Contains(chatId);

    /// <summary>True only the first time a chat that is not allowed writes, so it gets one refusal, not one per message.</summary>
    public bool ShouldRefuse(long chatId) => _refused.TryAdd(chatId, true);

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

    /// <summary>
    /// Counts a request. Over the per-minute limit the user is told once (<see cref="RateDecision.Warn"/>); further
    /// requests in the same minute are dropped silently, so a flood never turns into a flood of warnings.
    /// </summary>
    public RateDecision TryAcquire(long userId)
    {
        var window = _requests.GetOrAdd(userId, _ => new RateWindow());
        lock (window)
        {
            var now = clock.GetUtcNow();
            while (window.Times.Count > 0 && window.Times.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                window.Times.Dequeue();
            }
            if (window.Times.Count >= options.Value.RateLimitPerMinute)
            {
                if (window.WarnedAt is { } warned && warned > now - TimeSpan.FromMinutes(1))
                {
                    return RateDecision.Drop;
                }
                window.WarnedAt = now;
                return RateDecision.Warn;
            }
            window.Times.Enqueue(now);
            return RateDecision.Allow;
        }
    }

    private sealed class RateWindow
    {
        public Queue<DateTimeOffset> Times { get; } = new();
        public DateTimeOffset? WarnedAt { get; set; }
    }
}
