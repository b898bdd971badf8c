using System.Collections.Concurrent;
using Bot.Core.Answering;
using Bot.Core.Conversations;

namespace Bot.Telegram.Formatting;

/// <summary>What a button stands for.</summary>
internal abstract record ButtonAction;

internal sealed record ShowSource(Citation Citation) : ButtonAction;

internal sealed record GiveFeedback(ConversationKey Conversation, string Question, string Answer, bool Helpful) : ButtonAction;

internal sealed record ShowSummary(string ArticleId) : ButtonAction;

/// <summary>
/// Keeps button actions server-side under short tokens, so callback data stays far below Telegram's 64-byte limit
/// whatever the article ids and titles. The newest <see cref="Capacity"/> buttons are remembered; an older one
/// gets a polite "expired" reply.
/// </summary>
internal sealed class CallbackTokens
{
    internal const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, ButtonAction> _actions = new();
    private readonly ConcurrentQueue<string> _order = new();
    private long _next = Random.Shared.NextInt64(1_000_000);

    public string Register(ButtonAction action)
    {
        var token = "b" + Interlocked.Increment(ref _next).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        _actions[token] = action;
        _order.Enqueue(token);
        while (_order.Count > Capacity && _order.TryDequeue(out var old))
        {
            _actions.TryRemove(old, out _);
        }
        return token;
    }

    public ButtonAction? Find(string? token) => token is not null && _actions.TryGetValue(token, out var action) ? action : null;
}
