using Bot.Core.Search;

namespace Bot.Core.Subscriptions;

/// <summary>
/// A plain digest until the story digest is wired in: the day's newest <see cref="MaxLines"/> titles, each citing its
/// article. The article list is newest first, so the day's articles are found by paging past the later days.
/// </summary>
internal sealed class NewestTitlesDigest(IArticleCatalog catalog) : ISubscriptionDigest
{
    internal const int MaxLines = 10;
    private const int PageSize = ArticleListQuery.MaxPageSize;

    /// <summary>How far into the list to look for the day (later days first), so a day long gone costs little.</summary>
    private const int MaxPages = 50;

    public async Task<DayDigest?> ForDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var lines = new List<DigestLine>();
        var count = 0;
        for (var number = 1; number <= MaxPages; number++)
        {
            var page = await catalog.PageAsync(new ArticleListQuery(number, PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var info in page.Items.Where(i => i.Date == day))
            {
                count++;
                if (lines.Count < MaxLines && await catalog.GetAsync(info.Id, cancellationToken).ConfigureAwait(false) is { } article)
                {
                    lines.Add(new DigestLine(article.Title, 1, article.Id, article.Url));
                }
            }
            if (!page.HasNext || page.Items.Any(i => i.Date is not { } date || date < day))
            {
                break;
            }
        }
        return lines.Count == 0 ? null : new DayDigest(day, count, lines);
    }
}
