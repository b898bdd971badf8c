using System.ClientModel;
using System.Numerics.Tensors;
using System.Text.Json;
using Bot.Core.Chunking;
using Bot.Core.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Llm.Retrieval;

/// <summary>
/// Dense retrieval through the configured embedding model: every passage is embedded once (only new or changed texts,
/// in batches, with progress in the log, cached by <see cref="EmbeddingStore"/>), the query is embedded per search, and
/// passages rank by cosine similarity (<see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>).
/// When the endpoint fails the retriever reports itself unavailable, with one warning, and searches stay lexical until
/// <see cref="RetryAfter"/> has passed.
/// </summary>
internal sealed partial class DenseRetriever(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    ArticleIndex index,
    EmbeddingStore store,
    TimeProvider time,
    ILogger<DenseRetriever> logger) : IRetriever
{
    public const string RetrieverName = "dense";
    internal const int BatchSize = 64;
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private object? _view;
    private (Passage Passage, float[] Vector)[] _table = [];
    private DateTimeOffset? _downSince;

    public string Name => RetrieverName;

    public bool IsAvailable => _downSince is not { } since || time.GetUtcNow() - since >= RetryAfter;

    public async Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken)
    {
        if (!IsAvailable || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        try
        {
            var table = await TableAsync(cancellationToken).ConfigureAwait(false);
            var embedded = await generator.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
            var wanted = embedded[0].Vector.Span;
            // The k best in a min-heap: an archive has a hundred thousand passages, and only k of them are wanted.
            var best = new PriorityQueue<int, float>(k + 1);
            for (var i = 0; i < table.Length; i++)
            {
                if (table[i].Vector.Length != wanted.Length)
                {
                    continue;
                }
                best.Enqueue(i, TensorPrimitives.CosineSimilarity(wanted, table[i].Vector));
                if (best.Count > k)
                {
                    best.Dequeue();
                }
            }
            _downSince = null;
            var top = new List<(int Index, float Score)>(best.Count);
            while (best.TryDequeue(out var index, out var score))
            {
                top.Add((index, score));
            }
            top.Reverse();
            return top.Select((s, rank) => new RankedPassage(rank + 1, table[s.Index].Passage, s.Score)).ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or ClientResultException or JsonException or InvalidOperationException
                                   || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (_downSince is null)
            {
                LogUnavailable(ex, RetryAfter.TotalMinutes);
            }
            _downSince = time.GetUtcNow();
            return [];
        }
    }

    /// <summary>Every passage of the live index generation with its vector; embeds what the store lacks.</summary>
    private async Task<(Passage Passage, float[] Vector)[]> TableAsync(CancellationToken cancellationToken)
    {
        IndexSnapshot snapshot;
        using (var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            snapshot = lease.Snapshot;
            if (ReferenceEquals(snapshot, _view))
            {
                return _table;
            }
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
            snapshot = lease.Snapshot;
            if (ReferenceEquals(snapshot, _view))
            {
                return _table;
            }
            await store.LoadAsync(cancellationToken).ConfigureAwait(false);
            var passages = AllArticles(snapshot).SelectMany(article => snapshot.PassagesOf(article.Id)).ToList();

            var missing = passages.Select(p => EmbeddingStore.Key(p.Text)).Distinct(StringComparer.Ordinal)
                .Where(key => !store.TryGet(key, out _)).ToHashSet(StringComparer.Ordinal);
            var texts = passages.Where(p => missing.Remove(EmbeddingStore.Key(p.Text))).Select(p => p.Text).ToList();
            for (var start = 0; start < texts.Count; start += BatchSize)
            {
                var batch = texts.Skip(start).Take(BatchSize).ToList();
                var vectors = await generator.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                await store.AddAsync(batch.Select((text, i) => (EmbeddingStore.Key(text), vectors[i].Vector.ToArray())).ToList(), cancellationToken)
                    .ConfigureAwait(false);
                LogProgress(Math.Min(start + BatchSize, texts.Count), texts.Count);
            }

            _table = passages
                .Select(p => store.TryGet(EmbeddingStore.Key(p.Text), out var vector) ? (p, vector) : (p, Array.Empty<float>()))
                .ToArray();
            _view = snapshot;
            return _table;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static IEnumerable<ArticleInfo> AllArticles(IndexSnapshot snapshot)
    {
        var first = snapshot.Page(new ArticleListQuery(1, ArticleListQuery.MaxPageSize));
        for (var page = 1; page <= first.PageCount; page++)
        {
            foreach (var article in (page == 1 ? first : snapshot.Page(new ArticleListQuery(page, ArticleListQuery.MaxPageSize))).Items)
            {
                yield return article;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding endpoint unavailable; searching with lexical signals only for the next {Minutes} minutes")]
    private partial void LogUnavailable(Exception exception, double minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Done}/{Total} new or changed passages")]
    private partial void LogProgress(int done, int total);
}
