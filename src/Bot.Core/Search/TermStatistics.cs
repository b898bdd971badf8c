namespace Bot.Core.Search;

/// <summary>How informative a stemmed term is across the indexed passages (BM25 idf).</summary>
internal sealed class TermStatistics(ArticleIndex index)
{
    public async Task<IReadOnlyDictionary<string, double>> IdfAsync(IEnumerable<string> terms, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return terms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, lease.Snapshot.Idf, StringComparer.Ordinal);
    }
}
