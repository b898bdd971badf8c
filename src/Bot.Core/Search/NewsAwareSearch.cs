using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>
/// News sense on top of any search: a question that asks for the latest news («آخر», «أحدث», «اليوم», «أمس») prefers the
/// newest articles, one that names a month puts that month's articles first and one that names a year prefers that year's.
/// (The same wire story from several outlets is already one result: the lexical search folds copies by
/// <see cref="StorySignature"/>.) A question with no time in it goes straight to the search.
/// </summary>
internal sealed class NewsAwareSearch(FusedPassageSearch inner, IArticleCatalog catalog, ArchiveCalendar calendar) : IPassageSearch
{
    /// <summary>Candidates looked at per result asked for, so that folding copies still leaves enough results.</summary>
    internal const int CandidateFactor = 3;

    /// <summary>Score factor of a passage whose article falls in the year the question names (a year may be the event's, not the article's).</summary>
    internal const double PeriodBoost = 1.5;

    /// <summary>A named month is precise: articles of that month come first, the others after them.</summary>
    internal const int MonthDays = 31;

    /// <summary>Score factor added for the newest article when recency is asked for (decays with age in weeks).</summary>
    internal const double RecencyBoost = 0.5;

    public async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken)
    {
        // Most questions name no time: they cost nothing more than the search itself.
        if (await calendar.RangeAsync(cancellationToken).ConfigureAwait(false) is not { } range
            || TimeCueParser.Parse(query, range.To.Year) is { IsEmpty: true })
        {
            return await inner.SearchAsync(query, k, cancellationToken).ConfigureAwait(false);
        }

        var candidates = await inner.SearchAsync(query, k * CandidateFactor, cancellationToken).ConfigureAwait(false);
        var articles = new Dictionary<string, Article?>(StringComparer.Ordinal);
        foreach (var id in candidates.Select(c => c.Passage.ArticleId).Distinct(StringComparer.Ordinal))
        {
            articles[id] = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var ordered = await PreferByDateAsync(query, candidates, articles, cancellationToken).ConfigureAwait(false);
        return ordered.Take(k).ToList();
    }

    private async Task<IReadOnlyList<RankedPassage>> PreferByDateAsync(
        string query, IReadOnlyList<RankedPassage> candidates, Dictionary<string, Article?> articles, CancellationToken cancellationToken)
    {
        if (await calendar.RangeAsync(cancellationToken).ConfigureAwait(false) is not { } range)
        {
            return candidates;
        }
        var cue = TimeCueParser.Parse(query, range.To.Year);
        if (cue.IsEmpty)
        {
            return candidates;
        }
        var month = cue.HasPeriod && cue.To!.Value.DayNumber - cue.From!.Value.DayNumber < MonthDays;
        return candidates
            .Select(c =>
            {
                var date = articles[c.Passage.ArticleId]?.Date;
                var factor = 1.0;
                if (date is { } d && cue.Contains(d))
                {
                    factor *= PeriodBoost;
                }
                if (cue.Recent && date is { } day)
                {
                    factor *= 1 + RecencyBoost / (1 + (range.To.DayNumber - day.DayNumber) / 7.0);
                }
                return c with { Score = c.Score * factor };
            })
            .OrderByDescending(c => month && articles[c.Passage.ArticleId]?.Date is { } d && cue.Contains(d))
            .ThenByDescending(c => c.Score)
            .Select((c, i) => c with { Rank = i + 1 })
            .ToList();
    }
}
