using Bot.Core.Answering;
using Bot.Core.Search;

namespace Bot.Llm.Research;

/// <summary>
/// The passages one question has put in front of the model, numbered [1], [2]… in the order given: first the
/// retrieved ones, then those its function calls returned. Citations are checked against this list, and the
/// budget (calls, prompt size) is kept here.
/// </summary>
internal sealed class ResearchSession(IReadOnlyList<SourcePassage> first, IReadOnlyList<RankedPassage> retrieved, int maxCalls, int maxPromptTokens)
{
    /// <summary>Rough size of Arabic text in tokens: about three characters a token with common tokenizers.</summary>
    internal const int CharsPerToken = 3;

    private readonly List<SourcePassage> _sources = [.. first];
    private readonly List<RankedPassage> _passages = [.. retrieved];
    private readonly List<ToolCall> _calls = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<SourcePassage> Sources { get { lock (_gate) { return [.. _sources]; } } }

    public IReadOnlyList<RankedPassage> Passages { get { lock (_gate) { return [.. _passages]; } } }

    public IReadOnlyList<ToolCall> Calls { get { lock (_gate) { return [.. _calls]; } } }

    /// <summary>Characters of prompt so far (system, question and passages), for the token budget.</summary>
    public int PromptChars { get; set; }

    public bool CanCall { get { lock (_gate) { return _calls.Count < maxCalls; } } }

    public bool HasRoom => PromptChars / CharsPerToken < maxPromptTokens;

    /// <summary>Records a call; false when the budget is spent (the call is then not run).</summary>
    public bool TryStartCall()
    {
        lock (_gate)
        {
            return _calls.Count < maxCalls;
        }
    }

    public void Record(string name, string arguments, int passages)
    {
        lock (_gate)
        {
            _calls.Add(new ToolCall(name, arguments, passages));
        }
    }

    /// <summary>The passage's number, adding it when new; null when it would pass the prompt budget.</summary>
    public int? Add(SourcePassage source, RankedPassage ranked, out bool added)
    {
        lock (_gate)
        {
            var known = _sources.FindIndex(s => s.PassageId == source.PassageId);
            added = known < 0;
            if (!added)
            {
                return known + 1;
            }
            if ((PromptChars + source.Text.Length) / CharsPerToken >= maxPromptTokens)
            {
                return null;
            }
            PromptChars += source.Text.Length + source.Title.Length + 20;
            _sources.Add(source);
            _passages.Add(ranked with { Rank = _passages.Count + 1 });
            return _sources.Count;
        }
    }
}
