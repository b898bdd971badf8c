using System.Runtime.CompilerServices;
using Bot.Core.Answering;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>
/// News sense on top of any search: a question that asks for the latest news («آخر», «أحدث», «اليوم», «أمس») prefers the
/// newest articles, one that names a month puts that month's articles first and one that names a year prefers that year's, and the same wire story from
/// several outlets (<see cref="NearDuplicates"/>) takes one place in the results, the others listed as its
/// <see cref="RankedPassage.AlsoPublishedIn"/>. On an undated collection only the grouping applies.
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

    private readonly ConditionalWeakTable<Article, HashSet<string>> _shingles = new();

    public async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken)
    {
        var candidates = await inner.SearchAsync(query, k * CandidateFactor, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var articles = new Dictionary<string, Article?>(StringComparer.Ordinal);
        foreach (var id in candidates.Select(c => c.Passage.ArticleId).Distinct(StringComparer.Ordinal))
        {
            articles[id] = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var ordered = await PreferByDateAsync(query, candidates, articles, cancellationToken).ConfigureAwait(false);
        // Stories are grouped by article, in order of each article's best passage; an article's own passages are never copies.
        var stories = NearDuplicates.Group(ordered.Select(c => c.Passage.ArticleId).Distinct(StringComparer.Ordinal).ToList(),
            id => articles[id] is { } article
                ? _shingles.GetValue(article, a => NearDuplicates.Shingles(a.Title + "\n" + string.Join('\n', a.Paragraphs)))
                : NearDuplicates.Shingles(ordered.First(c => c.Passage.ArticleId == id).Passage.Text));
        var copies = stories.ToDictionary(g => g.Leader, g => g.Copies, StringComparer.Ordinal);

        return ordered
            .Where(c => copies.ContainsKey(c.Passage.ArticleId))
            .Take(k)
            .Select((c, i) => c with
            {
                Rank = i + 1,
                AlsoPublishedIn = c.AlsoPublishedIn.Concat(copies[c.Passage.ArticleId]).Distinct(StringComparer.Ordinal).ToList(),
            })
            .ToList();
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
