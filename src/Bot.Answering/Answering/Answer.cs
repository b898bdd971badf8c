using Bot.Core.Search;

namespace Bot.Core.Answering;

/// <summary>A source the answer cites as <c>[N]</c>.</summary>
public sealed record Citation(int N, string ArticleId, string Title, DateOnly? Date, string PassageId, string Quote)
{
    /// <summary>How many other outlets published the same story; front-ends show <see cref="ArabicMessages.AlsoPublished"/>.</summary>
    public int AlsoPublished { get; init; }
}

/// <summary>A function the model called while researching an answer, and how many new passages it was given.</summary>
public sealed record ToolCall(string Name, string Arguments, int Passages);

/// <summary>Token counts reported by a language model.</summary>
public sealed record TokenUsage(int InputTokens, int OutputTokens);

/// <summary>The shared answer contract: every front-end shows this, whichever answerer produced it.</summary>
/// <param name="Text">Arabic answer; every <c>[n]</c> in it names an entry of <paramref name="Citations"/>.</param>
/// <param name="Mode"><c>extractive</c> or <c>llm</c>.</param>
/// <param name="Found">False when the articles do not support an answer (Text then says so).</param>
/// <param name="Passages">The retrieved passages the answer was drawn from.</param>
public sealed record Answer(
    string Question,
    string Text,
    string Mode,
    bool Found,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<RankedPassage> Passages,
    TimeSpan Elapsed)
{
    public const string ExtractiveMode = "extractive";
    public const string LlmMode = "llm";

    /// <summary>Model name when a language model answered.</summary>
    public string? Model { get; init; }

    public TokenUsage? Usage { get; init; }

    /// <summary>True when the model path failed and the extractive answer was used instead.</summary>
    public bool Fallback { get; init; }

    /// <summary>Why the model's answer was not used (<c>timeout</c>, <c>http</c>, <c>no-citation</c>…); null when it was.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>True when a language model was sent the question (whatever became of its reply).</summary>
    public bool ModelAsked { get; init; }

    /// <summary>True when the model itself said the passages do not answer the question.</summary>
    public bool ModelSaidNotFound { get; init; }

    /// <summary>The functions the model called while researching, in order.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>True when the question itself was rejected (empty, too long…); Text is the Arabic reason.</summary>
    public bool Rejected { get; init; }

    /// <summary>
    /// True when the cited sentence carries the question's key content only thinly: the text opens with
    /// <see cref="ArabicMessages.Tentative"/> so the reader knows it is the closest the articles come, not a sure answer.
    /// </summary>
    public bool Tentative { get; init; }
}
