namespace Bot.Core.Summaries;

/// <summary>Which days to digest; a missing end is the other end, both missing the archive's newest day.</summary>
/// <param name="Limit">How many stories, biggest first.</param>
public sealed record DigestRequest(DateOnly? From = null, DateOnly? To = null, int Limit = DigestRequest.DefaultLimit)
{
    /// <summary>Without dates: end this many days before the archive's newest day («أمس» is 1).</summary>
    public int DaysBeforeNewest { get; init; }

    /// <summary>Without dates: how many days, ending at the newest day less <see cref="DaysBeforeNewest"/> («الأسبوع» is 7).</summary>
    public int Days { get; init; } = 1;

    public const int DefaultLimit = 10;
    public const int MaxLimit = 200;
}

/// <summary>One story of the period: wire copies and rewrites of one event, told in one cited sentence.</summary>
/// <param name="Text">A sentence quoted from the story's most central article (<see cref="ArticleIds"/>[0]).</param>
/// <param name="ArticleIds">Every article of the story, the cited one first.</param>
/// <param name="Outlets">How many distinct outlets published it.</param>
public sealed record DigestStory(string Text, IReadOnlyList<string> ArticleIds, int Outlets, DateOnly? Date);

/// <summary>The period's stories, biggest first (most outlets, then most articles).</summary>
public sealed record Digest(DateOnly From, DateOnly To, int ArticleCount, IReadOnlyList<DigestStory> Stories);

/// <summary>The day's (or period's) stories: «/digest», <c>digest</c>, and the daily subscription.</summary>
public interface IDigestService
{
    Task<Digest> BuildAsync(DigestRequest request, CancellationToken cancellationToken);
}
