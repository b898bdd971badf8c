namespace Bot.Core.Conversations;

/// <summary>One question and the answer given to it.</summary>
public sealed record ConversationTurn(string Question, string Answer, DateTimeOffset At);

/// <summary>Identifies a conversation: per user within a chat, so memory never leaks across chats.</summary>
public readonly record struct ConversationKey(string Channel, long ChatId, long UserId)
{
    public override string ToString() => $"{Channel}:{ChatId}:{UserId}";
}

/// <summary>Keeps the last turns of each conversation (bounded).</summary>
public interface IConversationStore
{
    Task<IReadOnlyList<ConversationTurn>> GetAsync(ConversationKey key, CancellationToken cancellationToken);
    Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken);
    Task ResetAsync(ConversationKey key, CancellationToken cancellationToken);
}

/// <summary>A user's 👍/👎 on an answer, kept with the question and answer.</summary>
public sealed record Feedback(ConversationKey Conversation, string Question, string Answer, bool Helpful, DateTimeOffset At);

public interface IFeedbackStore
{
    Task AddAsync(Feedback feedback, CancellationToken cancellationToken);
}

/// <summary>Turns a follow-up («ومتى حدث ذلك؟») into a standalone search query using the conversation.</summary>
public interface IQueryRewriter
{
    /// <summary>The query to search with; the question text itself when it needs no context.</summary>
    Task<string> RewriteAsync(Bot.Core.Answering.Question question, CancellationToken cancellationToken);
}
