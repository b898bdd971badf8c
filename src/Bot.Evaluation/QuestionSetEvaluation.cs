using System.Text.Json;
using Bot.Core.Answering;

namespace Bot.Core.Evaluation;

/// <summary>A hand-written question about a news archive: answerable (with accepted answers) or not, and why not.</summary>
/// <param name="Kind">For unanswerable questions: <c>after</c> (after the archive's dates), <c>never</c> (never reported), <c>near-miss</c> (names in the archive, the fact not).</param>
public sealed record ArchiveQuestion(string Question, bool Answerable, string Kind, IReadOnlyList<string> Answers);

/// <summary>Result of <c>eval --questions</c>: false answers on the unanswerable questions (overall and per kind), answers on the others.</summary>
public sealed record QuestionSetReport(
    int Questions, int Unanswerable, double FalseAnswerRate, IReadOnlyDictionary<string, double> FalseAnswerRateByKind,
    int Answerable, double AnswerRate, double AnswerContainment)
{
    /// <summary>Share of questions a language model was asked (0 offline).</summary>
    public double ModelAsked { get; init; }
}

/// <summary>Asks a question set (JSONL of <see cref="ArchiveQuestion"/>) against the configured articles.</summary>
public sealed class QuestionSetEvaluation(IAnswerer answerer)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ArchiveQuestion> Load(string path) =>
        File.ReadLines(path)
            .Select((line, i) => (line, i))
            .Where(x => !string.IsNullOrWhiteSpace(x.line))
            .Select(x =>
            {
                try
                {
                    var q = JsonSerializer.Deserialize<ArchiveQuestion>(x.line, Json)!;
                    return q with { Answers = q.Answers ?? [], Kind = q.Kind ?? (q.Answerable ? "answerable" : "unanswerable") };
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{path} line {x.i + 1} is not a question record: {ex.Message}", ex);
                }
            })
            .ToList();

    public async Task<QuestionSetReport> RunAsync(
        IReadOnlyList<ArchiveQuestion> questions, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken,
        Action<QuestionDetail>? details = null)
    {
        var falseByKind = new Dictionary<string, (int Asked, int Answered)>(StringComparer.Ordinal);
        int answerable = 0, answered = 0, contained = 0, modelAsked = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var answer = await answerer.AnswerAsync(Question.Standalone(question.Question), cancellationToken).ConfigureAwait(false);
            modelAsked += answer.ModelAsked ? 1 : 0;
            var isContained = answer.Found && question.Answers.Any(gold => TextMetrics.Contains(answer.Text, gold));
            details?.Invoke(new QuestionDetail(question.Question, question.Answers, null, answer.Found, isContained, answer.Text,
                answer.Citations.Select(c => c.ArticleId).ToList(), question.Kind));
            if (question.Answerable)
            {
                answerable++;
                answered += answer.Found ? 1 : 0;
                contained += isContained ? 1 : 0;
            }
            else
            {
                var (asked, wrong) = falseByKind.GetValueOrDefault(question.Kind);
                falseByKind[question.Kind] = (asked + 1, wrong + (answer.Found ? 1 : 0));
            }
            progress?.Report(new EvaluationProgress(i + 1, questions.Count));
        }

        var unanswerable = falseByKind.Values.Sum(v => v.Asked);
        return new QuestionSetReport(
            questions.Count, unanswerable, unanswerable == 0 ? 0 : falseByKind.Values.Sum(v => v.Answered) / (double)unanswerable,
            falseByKind.ToDictionary(p => p.Key, p => p.Value.Answered / (double)p.Value.Asked, StringComparer.Ordinal),
            answerable, answerable == 0 ? 0 : answered / (double)answerable, answerable == 0 ? 0 : contained / (double)answerable)
        {
            ModelAsked = questions.Count == 0 ? 0 : modelAsked / (double)questions.Count,
        };
    }
}
