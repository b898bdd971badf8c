using System.Diagnostics;
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
internal sealed class ExtractiveAnswerer(
    IPassageSearch search,
    IArticleCatalog catalog,
    KeyTermQueryRewriter rewriter,
    TermStatistics statistics,
    IOptions<AnswerOptions> options) : IAnswerer
{
    /// <summary>Below this share of the question's weight, a sentence does not answer it.</summary>
    internal const double MinCoverage = 0.34;

    /// <summary>Further sentences join the answer only when nearly as good as the best one.</summary>
    internal const double CompanionRatio = 0.85;

    private const int ClosestArticles = 3;

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
        var chosen = await ChooseAsync(guarded.Text, query, passages, cancellationToken).ConfigureAwait(false);
        if (chosen.Count == 0)
        {
            var notFound = await NotFoundTextAsync(passages, cancellationToken).ConfigureAwait(false);
            return new Answer(question.Text, notFound, Answer.ExtractiveMode, false, [], passages, clock.Elapsed);
        }

        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var draft = new StringBuilder();
        foreach (var sentence in chosen)
        {
            if (draft.Length > 0)
            {
                draft.Append(' ');
            }
            draft.Append(WithCitation(sentence.Text, sentence.Source.Rank));
        }
        var cited = CitationValidator.Resolve(draft.ToString(), sources);
        return new Answer(question.Text, cited.Text, Answer.ExtractiveMode, true, cited.Citations, passages, clock.Elapsed);
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = await AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        yield return new AnswerUpdate(answer.Text, null);
        yield return new AnswerUpdate(null, answer);
    }

    /// <summary>The best sentences, best first; empty when none answers the question.</summary>
    internal async Task<IReadOnlyList<ScoredSentence>> ChooseAsync(
        string question, string query, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0)
        {
            return [];
        }
        var terms = ArabicSearchAnalyzer.Instance.Terms(query).Distinct(StringComparer.Ordinal).ToList();
        var idf = await statistics.IdfAsync(terms, cancellationToken).ConfigureAwait(false);
        var scorer = new SentenceScorer(terms, idf, QuestionCue.Classify(question));
        var ranked = scorer.Score(passages)
            .OrderByDescending(s => s.Score)
            .ToList();
        if (ranked.Count == 0 || ranked[0].Coverage < MinCoverage)
        {
            return [];
        }

        var best = ranked[0];
        var chosen = new List<ScoredSentence> { best };
        foreach (var candidate in ranked.Skip(1))
        {
            if (chosen.Count >= options.Value.MaxSentences || candidate.Score < best.Score * CompanionRatio)
            {
                break;
            }
            if (candidate.Coverage >= MinCoverage && !chosen.Any(c => c.Text == candidate.Text))
            {
                chosen.Add(candidate);
            }
        }
        return chosen;
    }

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

    private async Task<string> NotFoundTextAsync(IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(ArabicMessages.NotFound);
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
