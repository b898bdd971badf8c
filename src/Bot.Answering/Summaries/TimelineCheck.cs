using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>What a timeline must be: enough lines over enough days, in date order, each quoted from its article, none repeating another.</summary>
public sealed record TimelineCheckReport(
    string Topic, int Lines, int Dates, bool DateOrdered, int NotInArticle, int Repeating, double TimelineMs)
{
    /// <summary>End to end from the command line (a fresh process), when measured.</summary>
    public double CliMs { get; init; }
}

public static class TimelineCheck
{
    private static readonly System.Text.RegularExpressions.Regex Mark = new(@"\s*\[\d+\]\s*$");

    public static async Task<TimelineCheckReport> MeasureAsync(
        Timeline timeline, IArticleCatalog catalog, double milliseconds, CancellationToken cancellationToken)
    {
        var notFound = 0;
        var shingles = new List<ulong[]>();
        foreach (var line in timeline.Lines)
        {
            var sentence = Mark.Replace(line.Text, string.Empty);
            var article = await catalog.GetAsync(line.ArticleId, cancellationToken).ConfigureAwait(false);
            var body = article is null ? string.Empty : ArabicNormalizer.Normalize(string.Join('\n', article.Paragraphs));
            notFound += body.Contains(ArabicNormalizer.Normalize(sentence), StringComparison.Ordinal) ? 0 : 1;
            shingles.Add(WordShingles.Of(sentence));
        }
        var repeating = 0;
        for (var i = 0; i < shingles.Count; i++)
        {
            repeating += Enumerable.Range(0, i).Any(j => WordShingles.Containment(shingles[i], shingles[j]) >= 0.5) ? 1 : 0;
        }
        var dates = timeline.Lines.Select(l => l.Date).ToList();
        var ordered = dates.Zip(dates.Skip(1)).All(p => p.First <= p.Second);
        return new TimelineCheckReport(timeline.Topic, timeline.Lines.Count, dates.Distinct().Count(), ordered, notFound, repeating, milliseconds);
    }
}
