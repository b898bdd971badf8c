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
/// each, in one of three tiers: firm (<see cref="Support.IsFirm"/>), tentative under the ⚠️ note (the best sentence,
/// <see cref="Support.IsRelevant"/>), or «not found» with the closest articles. A question with no Arabic word gets a
/// note that offline answers need an Arabic question. Follow-ups are always rewritten offline here, so a fallback never waits on the model again.
/// </summary>
internal sealed class ExtractiveAnswerer(
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

    private readonly NotFoundReply _notFound = new(catalog, calendar);

    /// <summary>
    /// A tentative answer quotes one sentence more than a firm one (at most this many): when no sentence answers
    /// explicitly, the answer is as often in the next closest one. On XQuAD-ar (eval --unanswerable) useful answers
    /// went from 0.799 to 0.848 and firm answers are unchanged.
    /// </summary>
    internal const int MaxTentativeSentences = 3;

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

        if (!HasArabicLetter(guarded.Text) && guarded.Text.Any(char.IsAsciiLetter) && question.History.Count == 0)
        {
            return new Answer(question.Text, ArabicMessages.ArabicQuestionNeeded, Answer.ExtractiveMode, false, [], [], clock.Elapsed);
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

        // The best sentence that carries the question's key content answers firmly (or, thinly carried, tentatively);
        // failing that, the best one whose passage holds the question's rarest names and numbers is the closest the
        // articles come, quoted tentatively. One shared generic word is never enough.
        var kind = QuestionCue.Classify(question);
        ScoredSentence? best = null, closest = null;
        var tentative = false;
        foreach (var candidate in ranked.Take(CandidatesChecked))
        {
            var check = await AnswerSupport.CheckAsync(key, candidate.Text, candidate.Source.Passage, articles, cancellationToken, relation)
                .ConfigureAwait(false);
            if (candidate.Coverage >= MinCoverage && check.IsEnough)
            {
                (best, tentative) = (candidate, !check.IsFirm || CueMissing(kind, candidate.Text));
                break;
            }
            // Only the best-scored sentence may stand in as the closest: a lower one is more often wrong than right.
            if (candidate == ranked[0] && check.IsRelevant)
            {
                closest = candidate;
            }
        }
        if (best is null && closest is not null)
        {
            (best, tentative) = (closest, true);
        }
        if (best is null)
        {
            return ([], false);
        }

        var chosen = new List<ScoredSentence> { best };
        var maxSentences = tentative ? Math.Min(MaxTentativeSentences, options.Value.MaxSentences + 1) : options.Value.MaxSentences;
        // A sentence that reports speech or continues («وأضاف»، «وقال») needs the one before it to make sense.
        if (maxSentences > 1 && RefersBack(best.Text)
            && ranked.FirstOrDefault(s => s.Source == best.Source && s.Position == best.Position - 1) is { } previous)
        {
            chosen.Insert(0, previous);
        }
        // The best sentence established the key content; a close second may add the answer itself.
        foreach (var candidate in ranked.Where(s => s != best))
        {
            if (chosen.Count >= maxSentences || candidate.Score < best.Score * CompanionRatio)
            {
                break;
            }
            if (!chosen.Any(c => c.Text == candidate.Text))
            {
                chosen.Add(candidate);
            }
        }
        // Independent sentences: those naming more of the question's words lead (the first is cited [1]).
        if (chosen.Count >= 2 && chosen[0] == best)
        {
            return (chosen.OrderByDescending(c => key.Matched(AnswerSupport.Stems(c.Text))).ToList(), tentative);
        }
        return (chosen, tentative);
    }

    /// <summary>True when the text holds at least one Arabic letter (U+0621–U+064A).</summary>
    internal static bool HasArabicLetter(string text) => text.Any(c => c is >= '\u0621' and <= '\u064A');

    /// <summary>True when the question asks for a time or a number and the sentence holds none: at best the closest sentence.</summary>
    private static bool CueMissing(QuestionKind kind, string sentence) =>
        kind is QuestionKind.Time or QuestionKind.Year or QuestionKind.Number && !QuestionCue.Satisfies(kind, sentence);

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

    private Task<string> NotFoundTextAsync(string question, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken) =>
        _notFound.WriteAsync(question, passages, cancellationToken);
}
