using Bot.Core.Evaluation;

namespace Bot.Cli.Bench;

/// <summary>
/// One search engine under comparison, over one prepared <see cref="BenchData"/> folder. Each phase runs in its own
/// process (see <see cref="EngineRunner"/>), so the memory it reports is that engine's alone.
/// </summary>
internal interface ISearchEngine : IAsyncDisposable
{
    /// <summary>Builds the index from scratch (for the peers: from <see cref="BenchData.PassagesFile"/>).</summary>
    /// <returns>How many passages it indexed.</returns>
    Task<int> BuildAsync(CancellationToken cancellationToken);

    /// <summary>Bytes the built index takes on disk.</summary>
    Task<long> IndexBytesAsync(CancellationToken cancellationToken);

    /// <summary>Opens the built index for searching; each searcher serves one thread at a time.</summary>
    Task<IEngineSearcher> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>A searcher for one thread.</summary>
internal interface IEngineSearcher : IAsyncDisposable
{
    /// <summary>The best <paramref name="k"/> passages by their articles, best first.</summary>
    Task<IReadOnlyList<KnownItemHit>> SearchAsync(string query, int k, CancellationToken cancellationToken);
}

/// <summary>The SQL engines' result reading: one article id per row, best first.</summary>
internal static class SqlHits
{
    public static async Task<IReadOnlyList<KnownItemHit>> ReadAsync(System.Data.Common.DbCommand query, int k, CancellationToken cancellationToken)
    {
        var articles = new List<KnownItemHit>(k);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            articles.Add(new KnownItemHit(reader.GetString(0)));
        }
        return articles;
    }
}
