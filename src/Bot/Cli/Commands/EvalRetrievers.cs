using System.Globalization;
using System.Text;
using Bot.Core;
using Bot.Core.Answering;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Evaluation;
using Bot.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>eval --retriever bm25|ngram|dense|hybrid|all</c> and <c>--perturb</c>: every chosen retriever measured in the same
/// run on the same questions, printed as one table (or JSON rows). A retriever this build does not register, or one
/// that cannot run now, is skipped with a message saying why.
/// </summary>
internal static class EvalRetrievers
{
    public static readonly string[] Names = ["bm25", "ngram", "dense", "hybrid", "all"];
    private const string Hybrid = "hybrid";

    /// <summary>JSON of the table: the rows, and per retriever the drop under perturbation (points of R@k).</summary>
    public sealed record Report(IReadOnlyList<RetrieverRow> Rows, IReadOnlyDictionary<string, double> PerturbRecallAtKDrop);

    public static async Task<int> RunAsync(
        CliContext context, IReadOnlyList<SquadParagraph> paragraphs, string? choice, bool perturb, int k, int? limit,
        Func<string, Func<IProgress<EvaluationProgress>, Task<RetrieverRow>>, Task<RetrieverRow>> withProgress, CancellationToken cancellationToken)
    {
        var registered = context.Services.GetServices<IRetriever>().ToList();
        var options = context.Get<IOptions<SearchOptions>>().Value;
        var wanted = choice is null ? [options.Mode == SearchOptions.Bm25Mode ? "bm25" : Hybrid]
            : choice == "all" ? Names[..^1] : [choice];

        var searches = new List<(string Name, IPassageSearch Search)>();
        foreach (var name in wanted)
        {
            if (name == Hybrid)
            {
                var hybrid = new SearchOptions { Mode = SearchOptions.HybridMode, Weights = options.Weights, RrfK = options.RrfK, CandidateFactor = options.CandidateFactor };
                var fused = new FusedPassageSearch(registered, Options.Create(hybrid), context.Get<ILogger<FusedPassageSearch>>());
                var used = fused.Configured.Where(r => r.IsAvailable).Select(r => r.Name).ToList();
                await context.Error.WriteLineAsync($"hybrid fuses: {string.Join(", ", used)}").ConfigureAwait(false);
                searches.Add((Hybrid, fused));
            }
            else if (registered.FirstOrDefault(r => r.Name == name) is not { } retriever)
            {
                await context.Error.WriteLineAsync(name switch
                {
                    "dense" => "Retriever 'dense' skipped: it needs Llm:Endpoint and Llm:EmbeddingModel (and no --offline).",
                    _ => $"Retriever '{name}' skipped: it is not registered in this build.",
                }).ConfigureAwait(false);
            }
            else if (!retriever.IsAvailable)
            {
                await context.Error.WriteLineAsync($"Retriever '{name}' skipped: it cannot run now.").ConfigureAwait(false);
            }
            else
            {
                searches.Add((name, new RetrieverSearch(retriever)));
            }
        }

        var evaluation = new RetrieverEvaluation(search => AnsweringServiceCollectionExtensions.OfflineAnswererOver(context.Services, search));
        var rows = new List<RetrieverRow>();
        foreach (var (name, search) in searches)
        {
            foreach (var perturbed in perturb ? new[] { false, true } : [false])
            {
                var label = perturbed ? $"{name} (perturbed)" : name;
                rows.Add(await withProgress(label, progress =>
                    evaluation.RunAsync(name, search, paragraphs, k, limit, perturbed, progress, cancellationToken)).ConfigureAwait(false));
            }
        }

        var drops = rows.Where(r => r.Perturbed).ToDictionary(
            r => r.Retriever, r => Math.Round(100 * (rows.First(c => c.Retriever == r.Retriever && !c.Perturbed).RecallAtK - r.RecallAtK), 1));
        if (context.Json)
        {
            context.WriteJson(new Report(rows, drops));
        }
        else
        {
            context.Out.WriteLine(Table(rows, drops, k));
        }
        return rows.Count > 0 ? CliRunner.Success : CliRunner.Failure;
    }

    private static string Table(IReadOnlyList<RetrieverRow> rows, IReadOnlyDictionary<string, double> drops, int k)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Retriever",-22} {"R@1",6} {$"R@{k}",6} {"MRR",6} {"Contain",8} {"p50 ms",7} {"p99 ms",7}");
        foreach (var r in rows)
        {
            var name = r.Perturbed ? $"{r.Retriever} (perturbed)" : r.Retriever;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-22} {r.RecallAt1,6:0.000} {r.RecallAtK,6:0.000} {r.Mrr,6:0.000} {r.Containment,8:0.000} {r.P50Ms,7:0.0} {r.P99Ms,7:0.0}");
        }
        foreach (var (name, drop) in drops)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Perturbation drop, {name}: {drop:0.0} points of R@{k}");
        }
        text.Append(CultureInfo.InvariantCulture, $"Questions: {rows.FirstOrDefault()?.Questions ?? 0}; containment = offline answer (≤ 2 sentences, 3 when tentative) holds the gold answer");
        return text.ToString();
    }
}
