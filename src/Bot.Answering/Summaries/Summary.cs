using Bot.Core.Answering;
using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>A summary of one article (or of a topic across articles).</summary>
/// <param name="Kind"><c>publisher</c> (the article's own summary), <c>extractive</c>, <c>llm</c>, <c>timeline</c> or <c>latest</c>.</param>
/// <param name="Sentences">Arabic sentences; extractive and model sentences end with their <c>[n]</c>.</param>
public sealed record Summary(
    string ArticleId,
    string Title,
    DateOnly? Date,
    string Kind,
    IReadOnlyList<string> Sentences,
    IReadOnlyList<Citation> Citations)
{
    public const string PublisherKind = "publisher";
    public const string ExtractiveKind = "extractive";
    public const string LlmKind = "llm";

    /// <summary>A topic's stories in date order (or newest first), one dated line each.</summary>
    public const string TimelineKind = "timeline";

    /// <summary>A topic's newest stories first («ما آخر الأخبار عن …»).</summary>
    public const string LatestKind = "latest";
}

public interface ISummarizer
{
    /// <summary>Summary of one article; null when the article does not exist.</summary>
    Task<Summary?> SummarizeAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>What the articles say about a topic («لخّص ما تقوله المقالات عن …»), over retrieved passages.
    /// ArticleId is empty and Title is the topic.</summary>
    Task<Summary> SummarizeTopicAsync(string topic, CancellationToken cancellationToken);
}
