namespace Bot.Core.Search;

/// <summary>The stemmed BM25 search (<see cref="LucenePassageSearch"/>) as one retrieval signal among others.</summary>
internal sealed class Bm25Retriever(LucenePassageSearch search) : IRetriever
{
    public const string RetrieverName = "bm25";

    public string Name => RetrieverName;

    public bool IsAvailable => true;

    public Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken) =>
        search.SearchAsync(query, k, cancellationToken);
}
