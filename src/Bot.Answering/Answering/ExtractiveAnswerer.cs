using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Microsoft.Extensions.Options;

namespace Bot.Core.Answering;

/// <summary>
/// The offline answerer: retrieves passages, picks the 1–3 sentences that best answer the question, and cites
/// each. When no sentence covers enough of the question it says so in Arabic and lists the closest articles,
/// never guessing. Follow-ups are always rewritten offline here, so a fallback never waits on the model again.
/// </summary>
public sealed class ExtractiveAnswerer(
    IPassageSearch search,
    IArticleCatalog catalog,
    KeyTermQueryRewriter rewriter,
    TermStatistics statistics,
    AnswerSupport support,
    IOptions<AnswerOptions> options,
    ArchiveCalendar? calendar = null) : IAnswerer
{
    /// <summary>Below this share of the question's weight, a sentence does not answer it.</summary>
    internal const double MinCoverage = 0.34;

    /// <summary>Further sentences join the answer only when nearly as good as the best one.</summary>
    internal const double CompanionRatio = 0.5;

    private const int ClosestArticles = 3;

    /// <summary>How many of the best-scored sentences are checked for key content.</summary>
    private const int CandidatesChecked = 8;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var guarded = QuestionGuard.Check(question.Text, options.Value.MaxQuestionLength);
        if (guarded.IsRejected)
        {
            return new Answer(question.Text, guarded.Rejection!, Answer.ExtractiveMode, false, [], [], clock.Elapsed) { Rejected = true };
        }

        var query = await rewriter.RewriteAsync(question with { Text = guarded.Text }, cancellationToken).ConfigureAwait(false);
        var passages = await search.SearchAsync(query, options.Value.MaxPassages, cancellationToken).ConfigureAwait(false);
        var (chosen, tentative) = await ChooseAsync(guarded.Text, query, passages, cancellationToken).ConfigureAwait(false);
        if (chosen.Count == 0)
        {
            var notFound = await NotFoundTextAsync(guarded.Text, passages, cancellationToken).ConfigureAwait(false);
            return new Answer(question.Text, notFound, Answer.ExtractiveMode, false, [], passages, clock.Elapsed);
        }

        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var draft = new StringBuilder();
        if (tentative)
        {
            draft.Append(ArabicMessages.Tentative).Append('\n');
        }
        foreach (var sentence in chosen)
        {
            if (draft.Length > 0 && draft[^1] != '\n')
            {
                draft.Append(' ');
            }
            draft.Append(WithCitation(sentence.Text, sentence.Source.Rank));
        }
        var cited = CitationValidator.Resolve(draft.ToString(), sources);
        return new Answer(question.Text, cited.Text, Answer.ExtractiveMode, true, cited.Citations, passages, clock.Elapsed) { Tentative = tentative };
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = await AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        yield return new AnswerUpdate(answer.Text, null);
        yield return new AnswerUpdate(null, answer);
    }

    /// <summary>
    /// The best sentences, best first, and whether their support is thin (<see cref="Answer.Tentative"/>); empty when
    /// none answers the question.
    /// </summary>
    internal async Task<(IReadOnlyList<ScoredSentence> Sentences, bool Tentative)> ChooseAsync(
        string question, string query, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0
            || calendar is not null && await calendar.AsksAfterArchiveAsync(question, cancellationToken).ConfigureAwait(false))
        {
            return ([], false);
        }
        var terms = await support.QuestionTermsAsync(query, cancellationToken).ConfigureAwait(false);
        var idf = await statistics.IdfAsync(terms, cancellationToken).ConfigureAwait(false);
        var key = await support.KeyContentAsync(terms, cancellationToken).ConfigureAwait(false);
        var articles = support.NewArticleCache();
        var relation = options.Value.RequireRelation && AnswerSupport.AsksForRelation(question);
        var scorer = new SentenceScorer(terms, idf, QuestionCue.Classify(question), key);
        var ranked = scorer.Score(passages)
            .OrderByDescending(s => s.Score)
            .ToList();

        // The best sentence that carries the question's key content; one shared generic word is not enough.
        ScoredSentence? best = null;
        var tentative = false;
        foreach (var candidate in ranked.Take(CandidatesChecked).Where(c => c.Coverage >= MinCoverage))
        {
            var check = await AnswerSupport.CheckAsync(key, candidate.Text, candidate.Source.Passage, articles, cancellationToken, relation)
                .ConfigureAwait(false);
            if (check.IsEnough)
            {
                (best, tentative) = (candidate, check.IsThin);
                break;
            }
        }
        if (best is null)
        {
            return ([], false);
        }

        var chosen = new List<ScoredSentence> { best };
        // A sentence that reports speech or continues («وأضاف»، «وقال») needs the one before it to make sense.
        if (options.Value.MaxSentences > 1 && RefersBack(best.Text)
            && ranked.FirstOrDefault(s => s.Source == best.Source && s.Position == best.Position - 1) is { } previous)
        {
            chosen.Insert(0, previous);
        }
        // The best sentence established the key content; a close second may add the answer itself.
        foreach (var candidate in ranked.Where(s => s != best))
        {
            if (chosen.Count >= options.Value.MaxSentences || candidate.Score < best.Score * CompanionRatio)
            {
                break;
            }
            if (!chosen.Any(c => c.Text == candidate.Text))
            {
                chosen.Add(candidate);
            }
        }
        // Two independent sentences: the one naming more of the question's words leads (and is cited [1]).
        if (chosen.Count == 2 && chosen[0] == best)
        {
            return (chosen.OrderByDescending(c => key.Matched(AnswerSupport.Stems(c.Text))).ToList(), tentative);
        }
        return (chosen, tentative);
    }

    private static readonly string[] ReferringOpeners =
    [
        "واضاف", "وقال", "واكد", "وتابع", "واشار", "واوضح", "ولفت", "وبين", "كما", "وهو", "وهي", "وذلك", "ويذكر", "وكان", "وكانت",
        "الا", "لكن", "ولكن", "غير", "اضاف", "تابع",
    ];

    /// <summary>True when a sentence opens by pointing back at the one before it.</summary>
    internal static bool RefersBack(string sentence) =>
        SentenceSplitter.Words(ArabicNormalizer.Normalize(sentence)).FirstOrDefault() is { } first && ReferringOpeners.Contains(first);

    /// <summary>«sentence [n].» — the mark goes before the sentence's final punctuation.</summary>
    internal static string WithCitation(string sentence, int sourceNumber)
    {
        var text = sentence.TrimEnd();
        var end = text.Length;
        while (end > 0 && text[end - 1] is '.' or '؟' or '?' or '!' or '؛' or '،' or ',' or ':' or ';')
        {
            end--;
        }
        var punctuation = text[end..] is { Length: > 0 } tail && tail[0] is '؟' or '?' or '!' ? tail[..1] : ".";
        return $"{text[..end]} [{sourceNumber}]{punctuation}";
    }

    private async Task<string> NotFoundTextAsync(string question, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(ArabicMessages.NotFound);
        // A question about a time the archive does not cover is told which dates it does cover.
        if (calendar is not null && await calendar.RangeAsync(cancellationToken).ConfigureAwait(false) is { } range
            && TimeCueParser.Parse(question, range.To.Year) is { HasPeriod: true, NamesYear: true } cue && (cue.To < range.From || cue.From > range.To))
        {
            text.Append(' ').Append(string.Format(CultureInfo.InvariantCulture, ArabicMessages.ArchiveCovers,
                ArabicDates.Format(range.From), ArabicDates.Format(range.To)));
        }
        var articleIds = passages.Select(p => p.Passage.ArticleId).Distinct(StringComparer.Ordinal).Take(ClosestArticles).ToList();
        if (articleIds.Count == 0)
        {
            return text.ToString();
        }

        text.Append('\n').Append(ArabicMessages.ClosestArticles);
        foreach (var id in articleIds)
        {
            var article = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (article is not null)
            {
                text.Append("\n• ").Append(article.Title);
                if (article.Date is { } date)
                {
                    text.Append(" (").Append(ArabicDates.Format(date)).Append(')');
                }
            }
        }
        return text.ToString();
    }
}
