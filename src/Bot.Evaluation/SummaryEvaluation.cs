using Bot.Core.Arabic;
using Bot.Core.Summaries;

namespace Bot.Core.Evaluation;

/// <summary>
/// Summarises every document of an EASC-style set through the real summariser and scores it with ROUGE-1/2/L F
/// against the human references, beside the Lead-3 baseline (the first three sentences).
/// </summary>
public sealed class SummaryEvaluation(ISummarizer summarizer)
{
    public static IEnumerable<(string Id, string Title, string Text)> Corpus(IEnumerable<EascDocument> documents) =>
        documents.Select(d => (d.Id, d.Title, d.Text));

    public async Task<SummaryEvalReport> RunAsync(
        IReadOnlyList<EascDocument> documents, int? limit, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var chosen = documents.Take(limit ?? int.MaxValue).ToList();
        double r1 = 0, r2 = 0, rl = 0, l1 = 0, l2 = 0, ll = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            var document = chosen[i];
            var summary = await summarizer.SummarizeAsync(document.Id, cancellationToken).ConfigureAwait(false);
            var candidate = summary is null ? string.Empty : string.Join(' ', summary.Sentences);
            var lead = string.Join(' ', SentenceSplitter.Split(document.Text).Take(3));

            r1 += TextMetrics.Rouge1(candidate, document.References).F;
            r2 += TextMetrics.Rouge2(candidate, document.References).F;
            rl += TextMetrics.RougeL(candidate, document.References).F;
            l1 += TextMetrics.Rouge1(lead, document.References).F;
            l2 += TextMetrics.Rouge2(lead, document.References).F;
            ll += TextMetrics.RougeL(lead, document.References).F;
            progress?.Report(new EvaluationProgress(i + 1, chosen.Count));
        }

        var n = Math.Max(1, chosen.Count);
        return new SummaryEvalReport(chosen.Count, r1 / n, r2 / n, rl / n, l1 / n, l2 / n, ll / n);
    }
}
