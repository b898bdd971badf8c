namespace Bot.Core.Search;

/// <summary>
/// The lexical search with each query word also matched to its other spellings in the index (character n-grams):
/// the «ngram» signal that reciprocal rank fusion combines with plain BM25.
/// </summary>
internal sealed class NgramRetriever(LucenePassageSearch search) : IRetriever
{
    public string Name => "ngram";

    public bool IsAvailable => true;

    public Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken) =>
        search.SearchAsync(query, k, expandSpellings: true, cancellationToken);
}
