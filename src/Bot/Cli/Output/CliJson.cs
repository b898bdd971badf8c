using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Cli.Output;

/// <summary>The machine-readable shapes of the command line (a contract: scripts depend on these names).</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Arabic stays readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static object FromAnswer(Answer answer) => new AnswerJson(
        answer.Question,
        answer.Text,
        answer.Mode,
        answer.Found,
        answer.Citations.Select(FromCitation).ToList(),
        answer.Passages.Select(FromPassage).ToList(),
        Math.Round(answer.Elapsed.TotalMilliseconds, 1))
    {
        Model = answer.Model,
        Usage = answer.Usage is { } u ? new UsageJson(u.InputTokens, u.OutputTokens) : null,
        Fallback = answer.Mode == Answer.LlmMode || answer.Fallback ? answer.Fallback : null,
        Rejected = answer.Rejected ? true : null,
        Tentative = answer.Tentative ? true : null,
        FallbackReason = answer.FallbackReason,
        ModelSaidNotFound = answer.ModelAsked ? answer.ModelSaidNotFound : null,
        ToolCalls = answer.ModelAsked ? answer.ToolCalls.Select(c => new ToolCallJson(c.Name, c.Arguments, c.Passages)).ToList() : null,
    };

    public static CitationJson FromCitation(Citation c) => new(c.N, c.ArticleId, c.Title, c.Date, c.PassageId, c.Quote)
    {
        AlsoPublished = c.AlsoPublished > 0 ? c.AlsoPublished : null,
    };

    public static PassageJson FromPassage(RankedPassage p) =>
        new(p.Rank, p.Passage.ArticleId, p.Passage.Id, Math.Round(p.Score, 4), p.Passage.Text)
        {
            AlsoPublishedIn = p.AlsoPublishedIn.Count > 0 ? p.AlsoPublishedIn : null,
        };

    public static object FromSummary(Summary s) =>
        new SummaryJson(s.ArticleId, s.Title, s.Date, s.Kind, s.Sentences, s.Citations.Select(FromCitation).ToList());

    /// <summary><c>{"from","to","articles","stories":[{"text","articleIds","outlets","date"}]}</c>.</summary>
    public static object FromDigest(Digest d) => new DigestJson(
        d.From, d.To, d.ArticleCount, d.Stories.Select(s => new DigestStoryJson(s.Text, s.ArticleIds, s.Outlets, s.Date)).ToList());

    /// <summary><c>{"topic","lines":[{"date","text","articleId","alsoPublished"}]}</c>.</summary>
    public static object FromTimeline(Timeline t) => new TimelineJson(
        t.Topic, t.Lines.Select(l => new TimelineLineJson(l.Date, l.Text, l.ArticleId, l.AlsoPublished)).ToList());

    public static object FromArticle(ArticleInfo a) => new ArticleJson(a.Number, a.Id, a.Title, a.Date, a.PassageCount);

    internal sealed record AnswerJson(
        string Question, string Answer, string Mode, bool Found, IReadOnlyList<CitationJson> Citations,
        IReadOnlyList<PassageJson> Passages, double ElapsedMs)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Model { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public UsageJson? Usage { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Fallback { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Rejected { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Tentative { get; init; }
        /// <summary>Why the model's reply was not shown (timeout, http, no-citation, not-arabic…); absent when it was.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FallbackReason { get; init; }
        /// <summary>Present when a model was asked: true when it said the passages do not answer.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? ModelSaidNotFound { get; init; }
        /// <summary>Present when a model was asked: the functions it called while researching.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ToolCallJson>? ToolCalls { get; init; }
    }

    internal sealed record ToolCallJson(string Name, string Arguments, int Passages);

    internal sealed record UsageJson(int InputTokens, int OutputTokens);

    internal sealed record CitationJson(int N, string ArticleId, string Title, DateOnly? Date, string PassageId, string Quote)
    {
        /// <summary>How many other outlets published the same story; absent when none.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public int? AlsoPublished { get; init; }
    }

    internal sealed record PassageJson(int Rank, string ArticleId, string PassageId, double Score, string Text)
    {
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<string>? AlsoPublishedIn { get; init; }
    }

    internal sealed record SummaryJson(
        string ArticleId, string Title, DateOnly? Date, string Kind, IReadOnlyList<string> Sentences, IReadOnlyList<CitationJson> Citations);

    internal sealed record DigestJson(DateOnly From, DateOnly To, int Articles, IReadOnlyList<DigestStoryJson> Stories);

    internal sealed record DigestStoryJson(string Text, IReadOnlyList<string> ArticleIds, int Outlets, DateOnly? Date);

    internal sealed record TimelineJson(string Topic, IReadOnlyList<TimelineLineJson> Lines);

    internal sealed record TimelineLineJson(DateOnly? Date, string Text, string ArticleId, IReadOnlyList<string> AlsoPublished);

    internal sealed record ArticleJson(int Number, string Id, string Title, DateOnly? Date, int Passages);
}
