using System.ClientModel;
using System.Numerics.Tensors;
using System.Text.Json;
using Bot.Core.Chunking;
using Bot.Core.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace Bot.Llm.Retrieval;

/// <summary>
/// Dense retrieval through the configured embedding model: every passage is embedded once (only new or changed texts,
/// in batches, with progress in the log, cached by <see cref="EmbeddingStore"/>), the query is embedded per search, and
/// passages rank by cosine similarity (<see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>).
/// A view of the index is followed article by article: a new view (a feed article, an upload) chunks and embeds only
/// the articles it added or changed. In memory it keeps, per passage, its article, ordinal and where its vector lies;
/// passage texts are read again from the index for the hits only, the vectors from the store's file.
/// When the endpoint fails, a Polly circuit breaker makes the retriever report itself unavailable, with one warning,
/// and searches stay lexical until <see cref="RetryAfter"/> has passed.
/// </summary>
internal sealed partial class DenseRetriever(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IIndexViews index,
    EmbeddingStore store,
    TimeProvider time,
    ILogger<DenseRetriever> logger) : IRetriever
{
    public const string RetrieverName = "dense";
    internal const int BatchSize = 64;
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private object? _view;
    private Dictionary<(string Id, long Sequence), ArticleVectors> _articles = [];
    private Table _table = Table.Empty;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private ResiliencePipeline? _breaker;

    public string Name => RetrieverName;

    public bool IsAvailable => _circuit.CircuitState is not (CircuitState.Open or CircuitState.Isolated);

    /// <summary>
    /// Opens when searches fail (Polly's least throughput is two: a second failure within <see cref="RetryAfter"/>),
    /// with one warning; searches then stay lexical for <see cref="RetryAfter"/>, and one trial search follows.
    /// </summary>
    private ResiliencePipeline Breaker => _breaker ??= new ResiliencePipelineBuilder { TimeProvider = time }
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 2,
            SamplingDuration = RetryAfter,
            BreakDuration = RetryAfter,
            StateProvider = _circuit,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } ex && IsEndpointFailure(ex) && !args.Context.CancellationToken.IsCancellationRequested),
            OnOpened = args =>
            {
                LogUnavailable(args.Outcome.Exception!, RetryAfter.TotalMinutes);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public async Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken)
    {
        if (!IsAvailable || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        try
        {
            return await Breaker.ExecuteAsync(async token => await SearchAsync(query, k, token).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return [];
        }
        catch (Exception ex) when (IsEndpointFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return []; // Counted by the breaker; this search stays lexical.
        }
    }

    private async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var embedded = await generator.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
        var wanted = embedded[0].Vector.ToArray();
        // The k best in a min-heap: an archive has a hundred thousand passages, and only k of them are wanted.
        var best = new PriorityQueue<int, float>(k + 1);
        store.Scan(table.Locations, (i, vector) =>
        {
            if (vector.Length != wanted.Length)
            {
                return;
            }
            best.Enqueue(i, TensorPrimitives.CosineSimilarity(wanted, vector));
            if (best.Count > k)
            {
                best.Dequeue();
            }
        });
        var top = new List<(int Index, float Score)>(best.Count);
        while (best.TryDequeue(out var i, out var score))
        {
            top.Add((i, score));
        }
        top.Reverse();
        using var view = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return top
            .Select(hit => (Passage: view.Passage(table.Passages[hit.Index].ArticleId, table.Passages[hit.Index].Ordinal), hit.Score))
            .Where(hit => hit.Passage is not null)
            .Select((hit, rank) => new RankedPassage(rank + 1, hit.Passage!, hit.Score))
            .ToList();
    }

    private static bool IsEndpointFailure(Exception ex) =>
        ex is HttpRequestException or ClientResultException or JsonException or InvalidOperationException or IOException or TaskCanceledException;

    /// <summary>Every passage of the live index generation with where its vector lies; embeds what the store lacks.</summary>
    private async Task<Table> TableAsync(CancellationToken cancellationToken)
    {
        using (var current = await index.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ReferenceEquals(current.Version, _view))
            {
                return _table;
            }
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var view = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(view.Version, _view))
            {
                return _table;
            }
            await store.LoadAsync(cancellationToken).ConfigureAwait(false);
            var articles = new Dictionary<(string Id, long Sequence), ArticleVectors>();
            var changed = new List<(string Id, long Sequence)>();
            foreach (var version in view.ArticleVersions())
            {
                if (_articles.TryGetValue(version, out var known) && known.IsComplete)
                {
                    articles[version] = known;
                }
                else
                {
                    changed.Add(version);
                }
            }
            foreach (var (version, vectors) in await EmbedAsync(view, changed, cancellationToken).ConfigureAwait(false))
            {
                articles[version] = vectors;
            }

            _table = Table.Of(articles.Values);
            _articles = articles;
            _view = view.Version;
            return _table;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Chunks the new or changed articles, embeds the passages the store lacks, and locates every vector.</summary>
    private async Task<List<((string, long) Version, ArticleVectors Vectors)>> EmbedAsync(
        IIndexView view, List<(string Id, long Sequence)> changed, CancellationToken cancellationToken)
    {
        var passages = changed.Select(version => (Version: version, Passages: view.PassagesOf(version.Id)
            .Select(p => (p.Ordinal, Key: EmbeddingStore.Key(p.Text), p.Text)).ToList())).ToList();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var passage in passages.SelectMany(a => a.Passages).Where(p => store.Find(p.Key) is null))
        {
            missing.TryAdd(passage.Key, passage.Text);
        }
        var texts = missing.ToList();
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).ToList();
            var vectors = await generator.GenerateAsync(batch.Select(t => t.Value), cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.AddAsync(batch.Select((entry, i) => (entry.Key, vectors[i].Vector.ToArray())).ToList(), cancellationToken).ConfigureAwait(false);
            LogProgress(Math.Min(start + BatchSize, texts.Count), texts.Count);
        }
        return passages.Select(article => (article.Version, new ArticleVectors(
            article.Version.Id,
            article.Passages.Select(p => (p.Ordinal, store.Find(p.Key))).ToArray()))).ToList();
    }

    /// <summary>An article's passages: ordinal and vector location (null where embedding has not happened).</summary>
    private sealed record ArticleVectors(string Id, (int Ordinal, VectorLocation? Location)[] Passages)
    {
        public bool IsComplete => Passages.All(p => p.Location is not null);
    }

    /// <summary>What a search scans: vector locations sorted by file offset, and the passage each belongs to.</summary>
    private sealed record Table(VectorLocation[] Locations, (string ArticleId, int Ordinal)[] Passages)
    {
        public static readonly Table Empty = new([], []);

        public static Table Of(IEnumerable<ArticleVectors> articles)
        {
            var rows = articles
                .SelectMany(a => a.Passages.Where(p => p.Location is not null).Select(p => (Location: p.Location!.Value, a.Id, p.Ordinal)))
                .OrderBy(r => r.Location.Offset)
                .ToArray();
            return new Table(rows.Select(r => r.Location).ToArray(), rows.Select(r => (r.Id, r.Ordinal)).ToArray());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding endpoint unavailable; searching with lexical signals only for the next {Minutes} minutes")]
    private partial void LogUnavailable(Exception exception, double minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Done}/{Total} new or changed passages")]
    private partial void LogProgress(int done, int total);
}
