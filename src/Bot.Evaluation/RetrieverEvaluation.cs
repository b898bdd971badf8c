using System.Diagnostics;
using Bot.Core.Answering;
using Bot.Core.Search;

namespace Bot.Core.Evaluation;

/// <summary>One row of <c>eval --retriever</c>: a retrieval signal measured on the same questions as the others.</summary>
/// <param name="Containment">Share of extractive answers (built on this retriever's passages) that contain the gold answer.</param>
/// <param name="P50Ms">Search latency percentiles (the retriever alone, not the answer).</param>
public sealed record RetrieverRow(
    string Retriever, bool Perturbed, int Questions, double RecallAt1, double RecallAtK, int K, double Mrr, double Containment,
    double P50Ms, double P99Ms);

/// <summary>
/// Measures several retrievers on the same SQuAD-format questions in one run: ranking (R@1, R@k, MRR), the containment of
/// the extractive answer built on each one's passages, and search latency; optionally again on perturbed questions
/// (<see cref="QuestionPerturbation"/>).
/// </summary>
public sealed class RetrieverEvaluation(Func<IPassageSearch, IAnswerer> answererFor)
{
    public async Task<RetrieverRow> RunAsync(
        string name, IPassageSearch search, IReadOnlyList<SquadParagraph> paragraphs, int k, int? limit, bool perturbed,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var questions = paragraphs
            .SelectMany(p => p.Questions.Select(q => (Paragraph: p, Question: q)))
            .Take(limit ?? int.MaxValue)
            .ToList();
        var answerer = answererFor(search);
        var ranking = new RankingMetrics();
        var latency = new LatencyStats();
        double contained = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var (paragraph, question) = questions[i];
            var text = perturbed ? QuestionPerturbation.Apply(question.Text) : question.Text;
            var clock = Stopwatch.StartNew();
            var passages = await search.SearchAsync(text, k, cancellationToken).ConfigureAwait(false);
            latency.Add(clock.Elapsed.TotalMilliseconds);
            ranking.Add(passages.FirstOrDefault(p => p.Passage.ArticleId == paragraph.Id)?.Rank);

            var answer = await answerer.AnswerAsync(Question.Standalone(text), cancellationToken).ConfigureAwait(false);
            contained += answer.Found && question.Answers.Any(gold => TextMetrics.Contains(answer.Text, gold)) ? 1 : 0;
            progress?.Report(new EvaluationProgress(i + 1, questions.Count));
        }
        var n = Math.Max(1, questions.Count);
        return new RetrieverRow(name, perturbed, questions.Count, ranking.RecallAt(1), ranking.RecallAt(k), k, ranking.Mrr, contained / n,
            latency.P50, latency.P99);
    }
}

/// <summary>A retriever seen as a whole search, so it can stand in for the configured one.</summary>
public sealed class RetrieverSearch(IRetriever retriever) : IPassageSearch
{
    public Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken) =>
        retriever.RetrieveAsync(query, k, cancellationToken);
}
