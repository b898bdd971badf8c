using Bot.Core.Conversations;

namespace Bot.Core.Answering;

/// <summary>A question with the conversation it belongs to (oldest turn first; may be empty).</summary>
public sealed record Question(string Text, IReadOnlyList<ConversationTurn> History)
{
    public static Question Standalone(string text) => new(text, []);
}

/// <summary>A step of a streamed answer: text deltas while it is produced, then the validated final answer.</summary>
public sealed record AnswerUpdate(string? Delta, Answer? Final);

/// <summary>Answers questions from the articles (offline extractive, or through a language model).</summary>
public interface IAnswerer
{
    Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken);

    /// <summary>Streams the answer; the last update carries the final validated <see cref="Answer"/>.</summary>
    IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, CancellationToken cancellationToken);
}
