using Bot.Core.Answering;

namespace Bot.Core.Summaries;

/// <summary>A topic across the archive: «لخّص ما تقوله المقالات عن …», «ما تطورات …», «ما آخر الأخبار عن …».</summary>
/// <param name="NewestFirst">The latest news first (and the newest stories preferred) instead of a date-ordered timeline.</param>
public sealed record TimelineRequest(string Topic, DateOnly? From = null, DateOnly? To = null, bool NewestFirst = false, int Limit = TimelineRequest.DefaultLimit)
{
    public const int DefaultLimit = 8;
}

/// <summary>One story of the topic, told in one quoted sentence.</summary>
/// <param name="Text">The sentence as quoted from the article, ending with its <c>[n]</c>.</param>
/// <param name="AlsoPublished">Other articles telling the same story (copies merged into this line).</param>
public sealed record TimelineLine(DateOnly? Date, string Text, string ArticleId, IReadOnlyList<string> AlsoPublished);

/// <summary>The topic's lines in date order (or newest first), each citing <see cref="Citations"/>[n-1].</summary>
public sealed record Timeline(string Topic, IReadOnlyList<TimelineLine> Lines, IReadOnlyList<Citation> Citations)
{
    /// <summary>Newest first (the latest news) rather than in date order.</summary>
    public bool NewestFirst { get; init; }

    /// <summary>Set when the topic was rejected or nothing was found: the Arabic reason.</summary>
    public string? Message { get; init; }
}

public interface ITimelineService
{
    Task<Timeline> BuildAsync(TimelineRequest request, CancellationToken cancellationToken);
}
