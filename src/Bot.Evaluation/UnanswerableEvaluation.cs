using Bot.Core.Answering;
using Bot.Core.Search;

namespace Bot.Core.Evaluation;

/// <summary>Result of <c>eval --unanswerable</c> (fractions, JSON keys camelCase).</summary>
/// <param name="FalseAnswerRate">Share of questions answered as found although their whole article was removed.</param>
/// <param name="AnswerRate">Share of answerable questions (full corpus) answered as found.</param>
/// <param name="AnswerContainment">Share of answerable questions whose answer contains the gold answer.</param>
/// <param name="FalseFirmAnswerRate">Share of unanswerable questions given a firm answer.</param>
/// <param name="FalseTentativeRate">Share of unanswerable questions given a tentative answer (the ⚠️ opening).</param>
/// <param name="UsefulRate">Share of answerable questions whose answer, firm or tentative, holds the gold answer.</param>
/// <param name="FirmContainment">Share of answerable questions answered firmly with the gold answer.</param>
/// <param name="Answerable">The three tiers on the answerable questions.</param>
/// <param name="Unanswerable">The three tiers with each question's article removed.</param>
public sealed record UnanswerableReport(
    int Questions, int Articles, double FalseAnswerRate, double AnswerRate, double AnswerContainment,
    double FalseFirmAnswerRate, double FalseTentativeRate, double UsefulRate, double FirmContainment,
    TierSplit Answerable, TierSplit Unanswerable)
{
    /// <summary>Share of all the askings (both rounds) a language model was asked (0 offline).</summary>
    public double ModelAsked { get; init; }
}

/// <summary>
/// SQuAD 2.0-style check of the honest «not found»: every question is asked once over the full corpus (answerable)
/// and once with every paragraph of its article (same title) removed (unanswerable). The corpus file is rewritten
/// and the index refreshed once per article.
/// </summary>
public sealed class UnanswerableEvaluation(IAnswerer answerer, IIndexMaintenance index, string corpusFolder)
{
    public async Task<UnanswerableReport> RunAsync(
        IReadOnlyList<SquadParagraph> paragraphs, int? limit, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var questions = paragraphs
            .SelectMany(p => p.Questions.Select(q => (Paragraph: p, Question: q)))
            .Take(limit ?? int.MaxValue)
            .ToList();
        var titles = questions.Select(q => q.Paragraph.Title).Distinct(StringComparer.Ordinal).ToList();
        var total = questions.Count * 2;
        var done = 0;

        await WriteCorpusAsync(paragraphs, excludedTitle: null, cancellationToken).ConfigureAwait(false);
        var answerable = new TierTally();
        double asked = 0;
        foreach (var (_, question) in questions)
        {
            var answer = await answerer.AnswerAsync(Question.Standalone(question.Text), cancellationToken).ConfigureAwait(false);
            asked += answer.ModelAsked ? 1 : 0;
            answerable.Add(answer, answer.Found && question.Answers.Any(gold => TextMetrics.Contains(answer.Text, gold)));
            progress?.Report(new EvaluationProgress(++done, total));
        }

        var unanswerable = new TierTally();
        foreach (var title in titles)
        {
            await WriteCorpusAsync(paragraphs, title, cancellationToken).ConfigureAwait(false);
            foreach (var (_, question) in questions.Where(q => q.Paragraph.Title == title))
            {
                var answer = await answerer.AnswerAsync(Question.Standalone(question.Text), cancellationToken).ConfigureAwait(false);
                asked += answer.ModelAsked ? 1 : 0;
                unanswerable.Add(answer, contained: false);
                progress?.Report(new EvaluationProgress(++done, total));
            }
        }

        var (right, wrong) = (answerable.Split(), unanswerable.Split());
        return new UnanswerableReport(questions.Count, titles.Count, wrong.FirmRate + wrong.TentativeRate, right.FirmRate + right.TentativeRate, right.UsefulRate,
            wrong.FirmRate, wrong.TentativeRate, right.UsefulRate, right.FirmContainment, right, wrong)
        {
            ModelAsked = asked / Math.Max(1, total),
        };
    }

    private async Task WriteCorpusAsync(IReadOnlyList<SquadParagraph> paragraphs, string? excludedTitle, CancellationToken cancellationToken)
    {
        await EvaluationCorpus.WriteAsync(corpusFolder, QaEvaluation.Corpus(paragraphs.Where(p => p.Title != excludedTitle)), cancellationToken)
            .ConfigureAwait(false);
        await index.RebuildAsync(progress: null, cancellationToken).ConfigureAwait(false);
    }
}
