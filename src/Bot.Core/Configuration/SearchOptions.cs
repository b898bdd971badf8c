using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bot.Core.Configuration;

/// <summary><c>Search</c> section: which retrieval signals answer a query and how they are fused.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";
    public const string Bm25Mode = "bm25";
    public const string HybridMode = "hybrid";

    /// <summary><c>bm25</c>: stemmed BM25 alone. <c>hybrid</c>: every available retriever, fused by reciprocal rank.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Search:Mode must be bm25 or hybrid.")]
    public string Mode { get; set; } = Bm25Mode;

    /// <summary>Weight of each retriever in the fusion, by name (bm25, ngram, dense); an unlisted one weighs 1.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["bm25"] = 1.0 };

    /// <summary>The k of reciprocal rank fusion: 1/(k + rank). 60 is the value of the original paper.</summary>
    [Range(1, 1000, ErrorMessage = "Search:RrfK must be between 1 and 1000.")]
    public int RrfK { get; set; } = 60;

    /// <summary>How many results each retriever contributes, as a multiple of the results asked for.</summary>
    [Range(1, 20, ErrorMessage = "Search:CandidateFactor must be between 1 and 20.")]
    public int CandidateFactor { get; set; } = 4;

    /// <summary>
    /// How many of the lexical search's best candidates are read again as text and reordered by how densely they cover
    /// the question (0 turns the second stage off).
    /// </summary>
    [Range(0, 200, ErrorMessage = "Search:RerankDepth must be between 0 and 200.")]
    public int RerankDepth { get; set; } = 15;
}

/// <summary>Checks what annotations cannot: the mode's value and non-negative weights.</summary>
internal sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        var failures = new List<string>();
        if (options.Mode is not (SearchOptions.Bm25Mode or SearchOptions.HybridMode))
        {
            failures.Add($"Search:Mode must be bm25 or hybrid (got '{options.Mode}').");
        }
        foreach (var (retriever, weight) in options.Weights)
        {
            if (weight is < 0 or > 100 || double.IsNaN(weight))
            {
                failures.Add($"Search:Weights:{retriever} must be between 0 and 100 (got {weight}).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
