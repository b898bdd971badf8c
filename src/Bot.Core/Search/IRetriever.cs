namespace Bot.Core.Search;

/// <summary>
/// One retrieval signal (stemmed BM25, n-gram/unstemmed lexical, dense embeddings) that ranks passages on its own;
/// <see cref="IPassageSearch"/> fuses the configured ones.
/// </summary>
public interface IRetriever
{
    /// <summary>Short name used by configuration and <c>eval --retriever</c>: bm25, ngram, dense.</summary>
    string Name { get; }

    /// <summary>False when the signal cannot run now (no embedding model configured, endpoint down).</summary>
    bool IsAvailable { get; }

    Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken);
}
