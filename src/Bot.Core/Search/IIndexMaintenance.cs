namespace Bot.Core.Search;

/// <summary>Writes to the live index from outside it: a full rebuild (the CLI, evaluations) or changed source files (the article feed).</summary>
public interface IIndexMaintenance
{
    /// <summary>Rebuilds everything from the articles into a new generation and swaps it in.</summary>
    /// <exception cref="IOException">Another process is writing this index folder.</exception>
    Task<IndexSummary> RebuildAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Indexes the given source files now (added, changed or deleted); searchable when this returns.</summary>
    /// <exception cref="IOException">Another process is writing this index folder.</exception>
    Task<IndexSummary> ApplyAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken);
}
