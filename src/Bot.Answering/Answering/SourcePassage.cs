using Bot.Core.Search;

namespace Bot.Core.Answering;

/// <summary>A retrieved passage offered to an answerer as source <c>[n]</c> (n = 1-based position in the list).</summary>
public sealed record SourcePassage(string ArticleId, string Title, DateOnly? Date, string PassageId, string Text)
{
    /// <summary>How many other outlets published the same story (near-duplicate articles folded into this one).</summary>
    public int Copies { get; init; }

    /// <summary>Numbers the ranked passages as sources, with their article's title and date.</summary>
    public static async Task<IReadOnlyList<SourcePassage>> FromRankedAsync(
        IReadOnlyList<RankedPassage> passages, IArticleCatalog catalog, CancellationToken cancellationToken)
    {
        var sources = new List<SourcePassage>(passages.Count);
        foreach (var ranked in passages)
        {
            var article = await catalog.GetAsync(ranked.Passage.ArticleId, cancellationToken).ConfigureAwait(false);
            sources.Add(new SourcePassage(
                ranked.Passage.ArticleId,
                article?.Title ?? ranked.Passage.ArticleId,
                article?.Date,
                ranked.Passage.Id,
                ranked.Passage.Text) { Copies = ranked.AlsoPublishedIn.Count });
        }
        return sources;
    }
}
