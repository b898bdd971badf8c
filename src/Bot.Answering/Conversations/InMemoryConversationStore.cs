using System.Collections.Concurrent;

namespace Bot.Core.Conversations;

/// <summary>
/// Keeps the last <see cref="MaxTurns"/> turns of each conversation in memory. Conversations idle for longer than
/// <see cref="IdleLifetime"/> are forgotten so memory stays bounded on a busy bot.
/// </summary>
public sealed class InMemoryConversationStore(TimeProvider clock) : IConversationStore
{
    public const int MaxTurns = 6;
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<ConversationKey, Conversation> _conversations = new();

    public Task<IReadOnlyList<ConversationTurn>> GetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(key, out var conversation))
        {
            return Task.FromResult<IReadOnlyList<ConversationTurn>>([]);
        }
        lock (conversation)
        {
            return Task.FromResult<IReadOnlyList<ConversationTurn>>(
                conversation.LastUsed + IdleLifetime < clock.GetUtcNow() ? [] : conversation.Turns.ToList());
        }
    }

    public Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var conversation = _conversations.GetOrAdd(key, _ => new Conversation());
        lock (conversation)
        {
            conversation.Turns.Enqueue(turn);
            while (conversation.Turns.Count > MaxTurns)
            {
                conversation.Turns.Dequeue();
            }
            conversation.LastUsed = clock.GetUtcNow();
        }
        ForgetIdle();
        return Task.CompletedTask;
    }

    public Task ResetAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        _conversations.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private void ForgetIdle()
    {
        var cutoff = clock.GetUtcNow() - IdleLifetime;
        foreach (var (key, conversation) in _conversations)
        {
            if (conversation.LastUsed < cutoff)
            {
                _conversations.TryRemove(key, out _);
            }
        }
    }

    private sealed class Conversation
    {
        public Queue<ConversationTurn> Turns { get; } = new();
        public DateTimeOffset LastUsed { get; set; }
    }
}
