using System.Diagnostics;
using Bot.Core.Answering;
using Bot.Core.Search;

namespace Bot.Core.Evaluation;

/// <summary>One evaluated question, for progress reporting.</summary>
public sealed record EvaluationProgress(int Done, int Total);

/// <summary>What happened to one question (eval --details): for reading the failures one by one.</summary>
/// <param name="GoldRank">Rank of the gold passage among the first k (SQuAD sets only).</param>
/// <param name="Kind">For a hand-written set: answerable, after, never or near-miss.</param>
public sealed record QuestionDetail(
    string Question, IReadOnlyList<string> Gold, int? GoldRank, bool Found, bool Contained, string Answer, IReadOnlyList<string> Cited,
    string? Kind = null);

/// <summary>
/// Asks every question of a SQuAD-format set against a corpus where each paragraph is one article and measures
/// retrieval (is the question's paragraph among the first k passages?), the answer (does it contain the gold
/// answer; token F1) and answering latency.
/// </summary>
public sealed class QaEvaluation(IAnswerer answerer, IPassageSearch search)
{
    public static IEnumerable<(string Id, string Title, string Text)> Corpus(IEnumerable<SquadParagraph> paragraphs) =>
        paragraphs.Select(p => (p.Id, p.Title.Replace('_', ' '), p.Context));

    public async Task<QaEvalReport> RunAsync(
        IReadOnlyList<SquadParagraph> paragraphs, int k, int? limit, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken,
        Action<QuestionDetail>? details = null)
    {
        var questions = paragraphs
            .SelectMany(p => p.Questions.Select(q => (Paragraph: p, Question: q)))
            .Take(limit ?? int.MaxValue)
            .ToList();

        var ranking = new RankingMetrics();
        var latency = new LatencyStats();
        double contained = 0, f1 = 0, asked = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var (paragraph, question) = questions[i];
            var passages = await search.SearchAsync(question.Text, k, cancellationToken).ConfigureAwait(false);
            var rank = passages.FirstOrDefault(p => p.Passage.ArticleId == paragraph.Id)?.Rank;
            ranking.Add(rank);

            var clock = Stopwatch.StartNew();
            var answer = await answerer.AnswerAsync(Question.Standalone(question.Text), cancellationToken).ConfigureAwait(false);
            latency.Add(clock.Elapsed.TotalMilliseconds);
            asked += answer.ModelAsked ? 1 : 0;

            var isContained = question.Answers.Any(gold => TextMetrics.Contains(answer.Text, gold));
            contained += isContained ? 1 : 0;
            details?.Invoke(new QuestionDetail(question.Text, question.Answers, rank, answer.Found, isContained, answer.Text,
                answer.Citations.Select(c => c.ArticleId).ToList()));
            f1 += TextMetrics.TokenF1(answer.Found ? answer.Text : string.Empty, question.Answers);
            progress?.Report(new EvaluationProgress(i + 1, questions.Count));
        }

        var n = Math.Max(1, questions.Count);
        return new QaEvalReport(
            questions.Count, ranking.RecallAt(1), ranking.RecallAt(k), k, ranking.Mrr,
            contained / n, f1 / n, latency.P50, latency.P95, latency.P99) { ModelAsked = asked / n };
    }
}
