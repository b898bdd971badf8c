using Bot.Core.Configuration;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Bot.Core.Search;

/// <summary>
/// Owns the on-disk index under <c>Index:Path</c>. Each build goes into a fresh <c>build-*</c> folder that becomes a
/// <c>gen-*</c> generation only once complete (manifest written last); the <c>CURRENT</c> file, replaced atomically,
/// names the live generation. A crash mid-build therefore leaves the previous generation live, and a generation that
/// fails to open is reported and rebuilt.
/// </summary>
internal sealed partial class ArticleIndex(
    IArticleSource source,
    IndexBuilder builder,
    IndexLocation location,
    IOptions<ChunkingOptions> chunking,
    ILogger<ArticleIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IndexSnapshot? _current;

    private string Root => location.Folder;

    /// <summary>Opens the index, building it first when missing, stale or corrupt.</summary>
    public async Task<IndexLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _current) ?? await OpenOrBuildAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Reader.TryIncRef())
            {
                return new IndexLease(snapshot);
            }
            // A rebuild retired this generation between the read and the increment; take the new one.
        }
    }

    /// <summary>Rebuilds from the source even when the fingerprint matches.</summary>
    public async Task<IndexManifest> RebuildAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var fingerprint = await FingerprintAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = await BuildAndOpenAsync(fingerprint, progress, cancellationToken).ConfigureAwait(false);
            return snapshot.Manifest;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rebuilds only when the articles changed since the live generation was built; true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var fingerprint = await FingerprintAsync(cancellationToken).ConfigureAwait(false);
            if (_current?.Manifest.Fingerprint == fingerprint)
            {
                return false;
            }
            await BuildAndOpenAsync(fingerprint, progress: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IndexSnapshot> OpenOrBuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } opened)
            {
                return opened;
            }

            var fingerprint = await FingerprintAsync(cancellationToken).ConfigureAwait(false);
            var existing = await TryOpenCurrentAsync(fingerprint, cancellationToken).ConfigureAwait(false);
            return existing ?? await BuildAndOpenAsync(fingerprint, progress: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        var corpus = await source.FingerprintAsync(cancellationToken).ConfigureAwait(false);
        var options = chunking.Value;
        return $"{corpus}|schema={IndexBuilder.SchemaVersion}|chunk={options.TargetWords}/{options.MaxWords}";
    }

    private async Task<IndexSnapshot?> TryOpenCurrentAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var pointer = Path.Combine(Root, IndexFiles.Current);
        if (!File.Exists(pointer))
        {
            return null;
        }

        var name = (await File.ReadAllTextAsync(pointer, cancellationToken).ConfigureAwait(false)).Trim();
        var folder = Path.Combine(Root, name);
        DirectoryReader? reader = null;
        try
        {
            if (!name.StartsWith(IndexFiles.GenerationPrefix, StringComparison.Ordinal) || !System.IO.Directory.Exists(folder))
            {
                throw new InvalidDataException($"{IndexFiles.Current} names a missing generation '{name}'");
            }

            var manifest = await IndexFiles.ReadJsonAsync(
                Path.Combine(folder, IndexFiles.Manifest), IndexJsonContext.Compact.IndexManifest, cancellationToken).ConfigureAwait(false);
            if (manifest.Fingerprint != fingerprint)
            {
                LogCorpusChanged(Root);
                return null;
            }

            var corpus = await IndexFiles.ReadJsonAsync(
                Path.Combine(folder, IndexFiles.Corpus), IndexJsonContext.Compact.StoredCorpus, cancellationToken).ConfigureAwait(false);
            reader = DirectoryReader.Open(LuceneDirectory.Open(Path.Combine(folder, IndexFiles.Lucene)));
            if (reader.NumDocs != manifest.PassageCount || corpus.Passages.Count != manifest.PassageCount)
            {
                throw new InvalidDataException(
                    $"the index holds {reader.NumDocs} passages, the manifest says {manifest.PassageCount}");
            }

            var snapshot = new IndexSnapshot(reader, corpus, manifest, folder);
            // The old generation closes when its last in-flight search releases it.
            Interlocked.Exchange(ref _current, snapshot)?.Dispose();
            LogOpened(manifest.ArticleCount, manifest.PassageCount, folder);
            return snapshot;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException
                                       or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
                                       or UnauthorizedAccessException or NotSupportedException)
        {
            reader?.Dispose();
            LogCorrupt(ex, Root, ex.Message);
            return null;
        }
    }

    private async Task<IndexSnapshot> BuildAndOpenAsync(
        string fingerprint, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Root);
        var articles = await source.LoadAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new IndexProgress("read", articles.Count, articles.Count));

        var stamp = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";
        var building = Path.Combine(Root, IndexFiles.BuildPrefix + stamp);
        var generation = IndexFiles.GenerationPrefix + stamp;
        try
        {
            System.IO.Directory.CreateDirectory(building);
            var manifest = await builder.BuildAsync(building, articles, fingerprint, progress, cancellationToken).ConfigureAwait(false);

            // Swap: the finished folder gets its generation name, then CURRENT points at it in one rename.
            System.IO.Directory.Move(building, Path.Combine(Root, generation));
            await IndexFiles.WriteTextAtomicallyAsync(Path.Combine(Root, IndexFiles.Current), generation, CancellationToken.None)
                .ConfigureAwait(false);
            LogBuilt(manifest.ArticleCount, manifest.PassageCount, manifest.BuildMilliseconds);
        }
        finally
        {
            TryDelete(building);
        }

        var opened = await TryOpenCurrentAsync(fingerprint, cancellationToken).ConfigureAwait(false)
            ?? throw new IOException($"The index just built in {Root} could not be opened.");
        Retire(opened);
        return opened;
    }

    /// <summary>Deletes generations nothing points at, and builds abandoned by a crash (older than an hour).</summary>
    private void Retire(IndexSnapshot live)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            var oldGeneration = name.StartsWith(IndexFiles.GenerationPrefix, StringComparison.Ordinal) && folder != live.Folder;
            var abandonedBuild = name.StartsWith(IndexFiles.BuildPrefix, StringComparison.Ordinal)
                && System.IO.Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1);
            if (oldGeneration || abandonedBuild)
            {
                TryDelete(folder);
            }
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(ex, folder);
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened index: {Articles} articles, {Passages} passages ({Folder})")]
    private partial void LogOpened(int articles, int passages, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built index: {Articles} articles, {Passages} passages in {Milliseconds} ms")]
    private partial void LogBuilt(int articles, int passages, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The articles changed since the index in {Folder} was built; rebuilding")]
    private partial void LogCorpusChanged(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index in {Folder} is unreadable ({Reason}); rebuilding it")]
    private partial void LogCorrupt(Exception exception, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the old index folder {Folder}")]
    private partial void LogCleanupFailed(Exception exception, string folder);
}

/// <summary>A reference to an index generation held for the duration of one search.</summary>
internal readonly struct IndexLease(IndexSnapshot snapshot) : IDisposable
{
    public IndexSnapshot Snapshot { get; } = snapshot;

    public void Dispose() => Snapshot.Reader.DecRef();
}

/// <summary>The resolved, absolute <c>Index:Path</c>.</summary>
internal sealed record IndexLocation(string Folder);
