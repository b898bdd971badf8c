using Bot.Core.Answering;
using Bot.Core.Configuration;
using Bot.Core.Corpus;
using Bot.Core.Search;
using Microsoft.Extensions.Options;

namespace Bot.Core.Summaries;

/// <summary>
/// A topic's timeline: the passages the search finds on the topic (copies already folded by story signature), one
/// sentence per article that names the topic (idf-weighted share of its words), chosen by maximal marginal relevance so
/// no two lines tell the same thing or the same story, then put in date order — or newest first, preferring recent
/// stories, for «ما آخر الأخبار عن …».
/// </summary>
internal sealed class TimelineService(
    IPassageSearch search, IArticleCatalog catalog, TermStatistics statistics, IOptions<AnswerOptions> options) : ITimelineService
{
    /// <summary>Passages looked at: enough for a story's days, few enough to read in well under a second.</summary>
    internal const int Candidates = 60;

    /// <summary>A line must carry this share of the topic's (idf-weighted) words.</summary>
    internal const double MinCoverage = 0.6;

    /// <summary>MMR trade-off: relevance against repeating what is already said.</summary>
    internal const double Lambda = 0.7;

    /// <summary>Two lines sharing half of the shorter one's shingles repeat each other.</summary>
    private const double Repeats = 0.5;

    /// <summary>A second line from a day already told counts as this much more alike: a timeline should move in time.</summary>
    private const double SameDay = 0.25;

    public async Task<Timeline> BuildAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var guarded = QuestionGuard.Check(request.Topic, options.Value.MaxQuestionLength);
        if (guarded.IsRejected)
        {
            return new Timeline(request.Topic, [], []) { Message = guarded.Rejection };
        }
        var topic = guarded.Text;
        var terms = ArabicSearchAnalyzer.Instance.Terms(topic).Distinct(StringComparer.Ordinal).ToList();
        var passages = terms.Count == 0 ? [] : await search.SearchAsync(topic, Candidates, cancellationToken).ConfigureAwait(false);
        var idf = await statistics.IdfAsync(terms, cancellationToken).ConfigureAwait(false);
        var weights = terms.ToDictionary(t => t, t => Math.Sqrt(Math.Max(0.1, idf.GetValueOrDefault(t))), StringComparer.Ordinal);
        var forms = terms.SelectMany(t => TermVariants.Of(t).Select(form => (form, t))).DistinctBy(x => x.form)
            .ToDictionary(x => x.form, x => x.t, StringComparer.Ordinal);

        var articles = new Dictionary<string, Article?>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        var maxScore = passages.Count == 0 ? 1 : passages.Max(p => p.Score);
        foreach (var ranked in passages)
        {
            var id = ranked.Passage.ArticleId;
            if (!articles.TryGetValue(id, out var article))
            {
                articles[id] = article = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
            }
            if (article is null || !InPeriod(article.Date, request))
            {
                continue;
            }
            var sentences = NewsText.Sentences([ranked.Passage.Text]);
            for (var i = 0; i < sentences.Count; i++)
            {
                // A question or a sentence that leans on the one before it tells no development on its own.
                if (NewsText.IsDependent(sentences[i]) || sentences[i].Contains('؟') || sentences[i].Contains('?') || sentences[i][0] is '-' or '–')
                {
                    continue;
                }
                var coverage = Coverage(sentences[i], weights, forms);
                if (coverage >= MinCoverage)
                {
                    var lead = ranked.Passage.Ordinal == 1 && i == 0;
                    var relevance = coverage + 0.3 * ranked.Score / maxScore + (lead ? 0.1 : 0)
                        - (!lead && sentences[i].StartsWith('و') ? 0.2 : 0);
                    candidates.Add(new Candidate(sentences[i], ranked, article, relevance, WordShingles.Of(sentences[i])));
                }
            }
        }
        if (request.NewestFirst && candidates.Count > 0)
        {
            // Fresher stories first: a story's relevance doubles on the newest day and fades over a few days.
            var newest = candidates.Max(c => c.Article.Date ?? DateOnly.MinValue);
            candidates = candidates
                .Select(c => c with { Relevance = c.Relevance * (1 + 1 / (1 + (newest.DayNumber - (c.Article.Date ?? newest).DayNumber) / 2.0)) })
                .ToList();
        }

        var chosen = Mmr(candidates, Math.Clamp(request.Limit, 1, 20));
        var ordered = (request.NewestFirst
                ? chosen.OrderByDescending(c => c.Article.Date).ThenByDescending(c => c.Relevance)
                : chosen.OrderBy(c => c.Article.Date).ThenBy(c => c.Source.Rank))
            .ToList();
        var lines = new List<TimelineLine>();
        var citations = new List<Citation>();
        foreach (var c in ordered)
        {
            var n = lines.Count + 1;
            lines.Add(new TimelineLine(c.Article.Date, $"{c.Sentence} [{n}]", c.Article.Id, c.Source.AlsoPublishedIn));
            citations.Add(new Citation(n, c.Article.Id, c.Article.Title, c.Article.Date, c.Source.Passage.Id, c.Sentence)
            {
                AlsoPublished = c.Source.AlsoPublishedIn.Count,
            });
        }
        return new Timeline(topic, lines, citations)
        {
            NewestFirst = request.NewestFirst,
            Message = lines.Count == 0 ? ArabicMessages.NotFound : null,
        };
    }

    private sealed record Candidate(string Sentence, RankedPassage Source, Article Article, double Relevance, ulong[] Shingles);

    private static bool InPeriod(DateOnly? date, TimelineRequest request) =>
        (request.From is not { } from || date >= from) && (request.To is not { } to || date <= to);

    private static double Coverage(string sentence, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, string> forms)
    {
        var found = ArabicSearchAnalyzer.Instance.Terms(sentence)
            .Select(t => forms.GetValueOrDefault(t)).Where(t => t is not null).ToHashSet(StringComparer.Ordinal);
        var total = weights.Values.Sum();
        return total == 0 ? 0 : weights.Where(w => found.Contains(w.Key)).Sum(w => w.Value) / total;
    }

    /// <summary>Greedy maximal marginal relevance; a line of an article or story already told, or repeating a told line, is never taken.</summary>
    private static List<Candidate> Mmr(List<Candidate> candidates, int limit)
    {
        var chosen = new List<Candidate>();
        var left = candidates.OrderByDescending(c => c.Relevance).ToList();
        while (chosen.Count < limit && left.Count > 0)
        {
            left.RemoveAll(c => chosen.Any(s => SameStory(c, s) || WordShingles.Containment(c.Shingles, s.Shingles) >= Repeats));
            if (left.Count == 0)
            {
                break;
            }
            var best = left.MaxBy(c => Lambda * c.Relevance - (1 - Lambda) * chosen.Select(s => Similarity(c, s)).DefaultIfEmpty(0).Max())!;
            chosen.Add(best);
            left.Remove(best);
        }
        return chosen;
    }

    private static bool SameStory(Candidate a, Candidate b) =>
        a.Article.Id == b.Article.Id
        || a.Source.AlsoPublishedIn.Contains(b.Article.Id, StringComparer.Ordinal)
        || b.Source.AlsoPublishedIn.Contains(a.Article.Id, StringComparer.Ordinal);

    private static double Similarity(Candidate a, Candidate b) =>
        WordShingles.Containment(a.Shingles, b.Shingles) + (a.Article.Date == b.Article.Date ? SameDay : 0);
}
