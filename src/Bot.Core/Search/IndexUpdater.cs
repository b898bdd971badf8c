using System.Diagnostics;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Bot.Core.Search;

/// <summary>What changed in the source since the live commit.</summary>
internal sealed record SourceChanges(IReadOnlyList<SourceFile> Changed, IReadOnlyList<string> Removed, IReadOnlyList<SourceFile> All)
{
    public bool IsEmpty => Changed.Count == 0 && Removed.Count == 0;

    /// <summary>Compares sizes and modification times only: nothing is read when nothing changed.</summary>
    public static SourceChanges Between(IndexCommitData committed, IReadOnlyList<SourceFile> now)
    {
        var changed = now.Where(f => !committed.Files.TryGetValue(f.Path, out var was) || was != f).ToList();
        var present = now.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = committed.Files.Keys.Where(p => !present.Contains(p)).ToList();
        return new SourceChanges(changed, removed, now);
    }
}

/// <summary>
/// Applies changed and removed source files to the live generation: each file's articles are deleted and added
/// again as blocks, and one commit records the new file states, so a crash mid-update leaves the last commit whole.
/// </summary>
internal sealed partial class IndexUpdater(IArticleSource source, PassageChunker chunker, IndexBuilder builder, ILogger<IndexUpdater> logger)
{
    public async Task<IndexSummary> ApplyAsync(IndexSnapshot live, SourceChanges changes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var touched = changes.Changed.Select(f => f.Path).Concat(changes.Removed).ToHashSet(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var next = live.Commit.NextSequence;
        int articles = 0, passages = 0;

        using var directory = LuceneDirectory.Open(live.Folder);
        var writer = new IndexWriter(directory, IndexBuilder.WriterConfig(OpenMode.APPEND));
        try
        {
            foreach (var path in touched)
            {
                writer.DeleteDocuments(new Term(IndexFields.File, path));
            }
            foreach (var file in changes.Changed)
            {
                await foreach (var read in source.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    // An id another (untouched) file already has gets a suffix, as in a full build.
                    var article = builder.UniqueId(read, id => claimed.Add(id) && !HeldElsewhere(live, id, touched));
                    var chunks = chunker.Chunk(article);
                    writer.AddDocuments(IndexSchema.Build(article, chunks, next++));
                    articles++;
                    passages += chunks.Count;
                }
            }
        }
        catch
        {
            // Disposing would commit the half-applied change; rolling back keeps the last commit as it was.
            writer.Rollback();
            throw;
        }

        var files = new Dictionary<string, SourceFile>(live.Commit.Files, StringComparer.Ordinal);
        foreach (var path in changes.Removed)
        {
            files.Remove(path);
        }
        foreach (var file in changes.Changed)
        {
            files[file.Path] = file;
        }
        writer.SetCommitData(new IndexCommitData(live.Commit.Schema, files, next).ToUserData());
        writer.Commit();
        writer.Dispose();
        LogApplied(changes.Changed.Count, changes.Removed.Count, articles, clock.ElapsedMilliseconds);
        return new IndexSummary(articles, passages, clock.ElapsedMilliseconds);
    }

    private static bool HeldElsewhere(IndexSnapshot live, string id, HashSet<string> touched)
    {
        var doc = live.ArticleDoc(id);
        return doc >= 0 && !touched.Contains(live.Searcher.Doc(doc).Get(IndexFields.File) ?? string.Empty);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index updated: {Changed} changed and {Removed} removed files, {Articles} articles indexed in {Milliseconds} ms")]
    private partial void LogApplied(int changed, int removed, int articles, long milliseconds);
}
