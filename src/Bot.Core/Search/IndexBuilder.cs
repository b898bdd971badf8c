using System.Diagnostics;
using System.Threading.Channels;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Bot.Core.Search;

/// <summary>Progress of an index build, for progress bars; <see cref="Total"/> is null while unknown (a streamed archive).</summary>
public sealed record IndexProgress(string Stage, int Done, int? Total);

/// <summary>What a build or an update left in the index.</summary>
public sealed record IndexSummary(int ArticleCount, int PassageCount, long Milliseconds);

/// <summary>
/// Writes a complete index into an empty folder, streaming the source: one reader parses articles in source order
/// while every core chunks, analyses and indexes them. The commit (with the source files' sizes and times) is
/// the last thing written, so a folder without one is an unfinished build.
/// </summary>
internal sealed partial class IndexBuilder(IArticleSource source, PassageChunker chunker, ILogger<IndexBuilder> logger)
{
    public async Task<IndexSummary> BuildAsync(string folder, string schema, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var files = source.ListFiles();
        var queue = Channel.CreateBounded<(Article Article, long Sequence)>(new BoundedChannelOptions(256) { SingleWriter = true });
        int articles = 0, passages = 0;

        using var directory = LuceneDirectory.Open(folder);
        var writer = new IndexWriter(directory, WriterConfig(OpenMode.CREATE));
        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (article, sequence) in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var chunks = chunker.Chunk(article);
                writer.AddDocuments(IndexSchema.Build(article, chunks, sequence));
                Interlocked.Add(ref passages, chunks.Count);
                var done = Interlocked.Increment(ref articles);
                if (done % 500 == 0)
                {
                    progress?.Report(new IndexProgress("index", done, null));
                }
            }
        }, cancellationToken)).ToList();

        long next = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var file in files)
            {
                await foreach (var article in source.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    await queue.Writer.WriteAsync((UniqueId(article, ids.Add), next++), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            writer.Rollback();
            throw;
        }
        queue.Writer.Complete();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch
        {
            writer.Rollback();
            throw;
        }

        writer.SetCommitData(new IndexCommitData(schema, files.ToDictionary(f => f.Path, StringComparer.Ordinal), next).ToUserData());
        writer.Commit();
        writer.Dispose();
        progress?.Report(new IndexProgress("index", articles, articles));
        LogBuilt(articles, passages, clock.ElapsedMilliseconds);
        return new IndexSummary(articles, passages, clock.ElapsedMilliseconds);
    }

    public static IndexWriterConfig WriterConfig(OpenMode mode)
    {
        ArchiveCodec.Register();
        return new IndexWriterConfig(ArabicSearchAnalyzer.Version, ArabicSearchAnalyzer.Instance)
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(),
            Codec = new ArchiveCodec(),
            RAMBufferSizeMB = 32,
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        };
    }

    /// <summary>The article under an id no other article has (<c>id-2</c>, <c>id-3</c>… for repeats), logged.</summary>
    internal Article UniqueId(Article article, Func<string, bool> claim)
    {
        var unique = article;
        for (var n = 2; !claim(unique.Id); n++)
        {
            unique = article with { Id = $"{article.Id}-{n}" };
        }
        if (unique.Id != article.Id)
        {
            LogDuplicateId(article.Id, article.SourceFile ?? string.Empty, unique.Id);
        }
        return unique;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built index: {Articles} articles, {Passages} passages in {Milliseconds} ms")]
    private partial void LogBuilt(int articles, int passages, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article id {Id} in {File} is already taken; using {NewId}")]
    private partial void LogDuplicateId(string id, string file, string newId);
}
