using Bot.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Search;

/// <summary>
/// The search every answerer uses. In <c>bm25</c> mode, or when BM25 is the only available signal, it is BM25 itself
/// (scores unchanged); in <c>hybrid</c> mode it runs every available retriever (bm25, ngram, dense…) side by side and
/// fuses their rankings by reciprocal rank with the configured weights. A retriever that fails is left out of that
/// query, with a warning, and the others still answer.
/// </summary>
public sealed partial class FusedPassageSearch(
    IEnumerable<IRetriever> retrievers,
    IOptions<SearchOptions> options,
    ILogger<FusedPassageSearch> logger) : IPassageSearch
{
    private readonly IReadOnlyList<IRetriever> _retrievers = retrievers.ToList();

    /// <summary>The retrievers the configured mode uses, available or not.</summary>
    public IReadOnlyList<IRetriever> Configured => options.Value.Mode == SearchOptions.Bm25Mode
        ? _retrievers.Where(r => r.Name == SearchOptions.Bm25Mode).ToList()
        : _retrievers.Where(r => Weight(r.Name) > 0).ToList();

    public async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var active = Configured.Where(r => r.IsAvailable).ToList();
        if (active.Count == 1)
        {
            return await active[0].RetrieveAsync(query, k, cancellationToken).ConfigureAwait(false);
        }

        var depth = k * options.Value.CandidateFactor;
        var tasks = active.Select(r => RetrieveOrSkipAsync(r, query, depth, cancellationToken)).ToList();
        var rankings = await Task.WhenAll(tasks).ConfigureAwait(false);
        return ReciprocalRankFusion.Fuse(
            rankings.Where(r => r.Ranking.Count > 0).Select(r => (r.Ranking, Weight(r.Name))).ToList(),
            options.Value.RrfK, k);
    }

    private async Task<(string Name, IReadOnlyList<RankedPassage> Ranking)> RetrieveOrSkipAsync(
        IRetriever retriever, string query, int depth, CancellationToken cancellationToken)
    {
        try
        {
            return (retriever.Name, await retriever.RetrieveAsync(query, depth, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or InvalidOperationException
                                   || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRetrieverFailed(ex, retriever.Name);
            return (retriever.Name, []);
        }
    }

    private double Weight(string name) => options.Value.Weights.TryGetValue(name, out var weight) ? weight : 1.0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retriever {Name} failed; this query is answered by the other signals")]
    private partial void LogRetrieverFailed(Exception exception, string name);
}
