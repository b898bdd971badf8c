using Bot.Core.Chunking;
using Bot.Core.Configuration;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Bot.Core.Search;

/// <summary>
/// The live index under <c>Index:Path</c> for this process: opens it (building it when missing, of another schema,
/// or corrupt), keeps it in step with the articles (changed files only), and hands out reference-counted views, so
/// searches keep working while an update or a rebuild swaps in a new view. Writes take the folder's lock: one
/// writer across processes; readers elsewhere pick up each commit within a second.
/// </summary>
internal sealed partial class ArticleIndex : IIndexMaintenance, IDisposable
{
    private static readonly TimeSpan OutsideChangeCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WaitForOtherWriter = TimeSpan.FromMinutes(5);

    private readonly IArticleSource source;
    private readonly IndexBuilder builder;
    private readonly IndexUpdater updater;
    private readonly PassageChunker chunker;
    private readonly IndexLocation location;
    private readonly IOptions<ChunkingOptions> chunking;
    private readonly TimeProvider time;
    private readonly ILogger<ArticleIndex> logger;

    public ArticleIndex(
        IArticleSource source,
        IndexBuilder builder,
        IndexUpdater updater,
        PassageChunker chunker,
        IndexLocation location,
        IOptions<ChunkingOptions> chunking,
        TimeProvider time,
        ILogger<ArticleIndex> logger)
    {
        this.source = source;
        this.builder = builder;
        this.updater = updater;
        this.chunker = chunker;
        this.location = location;
        this.chunking = chunking;
        this.time = time;
        this.logger = logger;
        _directory = new IndexDirectory(location.Folder);
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IndexDirectory _directory;
    private IndexSnapshot? _current;
    private long _checkedAt;

    private string Schema => $"v{IndexSchema.Version}|chunk={chunking.Value.TargetWords}/{chunking.Value.MaxWords}";

    /// <summary>A view of the index for one operation; dispose it when done.</summary>
    internal async Task<IndexLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _current) ?? await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (time.GetTimestamp() - Interlocked.Read(ref _checkedAt) > OutsideChangeCheck.TotalSeconds * time.TimestampFrequency)
            {
                snapshot = await PickUpOutsideChangesAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            if (snapshot.Reader.TryIncRef())
            {
                return new IndexLease(snapshot);
            }
            // An update retired this view between the read and the increment; take the new one.
        }
    }

    /// <summary>Rebuilds everything from the source into a new generation and swaps it in.</summary>
    /// <exception cref="IndexBusyException">Another process is writing this index folder.</exception>
    public async Task<IndexSummary> RebuildAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var writeLock = LockOrThrow();
            return await BuildLockedAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies the source files that changed since the last commit (sizes and times decide; nothing is read when
    /// nothing changed). Returns null when there was nothing to do or another process holds the write lock.
    /// </summary>
    internal async Task<IndexSummary?> SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var writeLock = _directory.TryLock(out var holder);
            if (writeLock is null)
            {
                LogBusy(location.Folder, holder!);
                return null;
            }
            return await SyncLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Indexes the given source files now (an upload, an added article); searchable when this returns.</summary>
    /// <exception cref="IndexBusyException">Another process is writing this index folder.</exception>
    public async Task<IndexSummary> ApplyAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var writeLock = LockOrThrow();
            var live = _current ?? await OpenHoldingLockAsync(cancellationToken).ConfigureAwait(false);
            var wanted = paths.ToHashSet(StringComparer.Ordinal);
            var all = source.ListFiles();
            var changes = new SourceChanges(
                all.Where(f => wanted.Contains(f.Path)).ToList(),
                wanted.Where(p => all.All(f => f.Path != p) && live.Commit.Files.ContainsKey(p)).ToList(),
                all);
            var summary = await updater.ApplyAsync(live, changes, cancellationToken).ConfigureAwait(false);
            Reopen(live);
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IndexSnapshot> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _current ?? await OpenLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>First open in this process: the live generation brought up to date, or a new build.</summary>
    private async Task<IndexSnapshot> OpenLockedAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + WaitForOtherWriter;
        while (true)
        {
            using (var writeLock = _directory.TryLock(out var holder))
            {
                if (writeLock is not null)
                {
                    return await OpenHoldingLockAsync(cancellationToken).ConfigureAwait(false);
                }

                // Someone else is writing: serve what is committed, or wait for their first build to finish.
                if (TryOpenCurrent() is { } opened)
                {
                    LogBusy(location.Folder, holder!);
                    return opened;
                }
                if (time.GetUtcNow() > deadline)
                {
                    throw new IndexBusyException(location.Folder, holder!);
                }
                LogWaiting(location.Folder, holder!);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IndexSnapshot> OpenHoldingLockAsync(CancellationToken cancellationToken)
    {
        CollectGarbage();
        if (TryOpenCurrent() is null)
        {
            await BuildLockedAsync(progress: null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SyncLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        return _current!;
    }

    private async Task<IndexSummary?> SyncLockedAsync(CancellationToken cancellationToken)
    {
        var live = _current ?? TryOpenCurrent();
        if (live is null || live.Commit.Schema != Schema)
        {
            if (live is not null)
            {
                LogSchemaChanged(location.Folder);
            }
            return await BuildLockedAsync(progress: null, cancellationToken).ConfigureAwait(false);
        }

        var changes = SourceChanges.Between(live.Commit, source.ListFiles());
        if (changes.IsEmpty)
        {
            return null;
        }
        var summary = await updater.ApplyAsync(live, changes, cancellationToken).ConfigureAwait(false);
        Reopen(live);
        return summary;
    }

    private async Task<IndexSummary> BuildLockedAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var building = _directory.NewBuildFolder();
        IndexSummary summary;
        try
        {
            summary = await builder.BuildAsync(building, Schema, progress, cancellationToken).ConfigureAwait(false);
            _directory.Publish(building);
        }
        catch
        {
            TryDelete(building);
            throw;
        }
        if (TryOpenCurrent() is null)
        {
            throw new IOException($"The index just built in {location.Folder} could not be opened.");
        }
        CollectGarbage();
        return summary;
    }

    /// <summary>Old generations and abandoned builds go; only called while holding the write lock.</summary>
    private void CollectGarbage()
    {
        foreach (var name in _directory.CollectGarbage((folder, ex) => LogCleanupFailed(ex, folder)))
        {
            LogDeleted(name);
        }
    }

    /// <summary>Opens the generation <c>CURRENT</c> names and makes it live; null (with a warning) when it is unreadable.</summary>
    private IndexSnapshot? TryOpenCurrent()
    {
        var folder = _directory.Current();
        if (folder is null)
        {
            return null;
        }
        DirectoryReader? reader = null;
        try
        {
            ArchiveCodec.Register();
            reader = DirectoryReader.Open(LuceneDirectory.Open(folder));
            var snapshot = new IndexSnapshot(reader, chunker, folder);
            Swap(snapshot);
            LogOpened(snapshot.ArticleCount, snapshot.PassageCount, folder);
            return snapshot;
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException
                                       or IndexFormatTooNewException or UnauthorizedAccessException or ArgumentException
                                       or System.Text.Json.JsonException or FormatException)
        {
            reader?.Dispose();
            LogCorrupt(ex, location.Folder, ex.Message);
            return null;
        }
    }

    /// <summary>After a commit: a new view sharing the unchanged segments with the old one.</summary>
    private void Reopen(IndexSnapshot live)
    {
        var reader = DirectoryReader.OpenIfChanged(live.Reader);
        if (reader is not null)
        {
            Swap(new IndexSnapshot(reader, chunker, live.Folder));
        }
    }

    /// <summary>Commits and rebuilds by other processes: checked at most once a second, never blocking a search.</summary>
    private async Task<IndexSnapshot> PickUpOutsideChangesAsync(IndexSnapshot snapshot, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _checkedAt, time.GetTimestamp());
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return snapshot;
        }
        try
        {
            var live = _current ?? snapshot;
            if (_directory.Current() is { } folder && folder != live.Folder)
            {
                return TryOpenCurrent() ?? live;
            }
            if (!live.Reader.IsCurrent())
            {
                Reopen(live);
            }
            return _current ?? live;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCorrupt(ex, location.Folder, ex.Message);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Swap(IndexSnapshot snapshot) =>
        // The old view closes when its last in-flight search releases it.
        Interlocked.Exchange(ref _current, snapshot)?.Dispose();

    private IndexWriteLock LockOrThrow() =>
        _directory.TryLock(out var holder) ?? throw new IndexBusyException(location.Folder, holder!);

    private void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(ex, folder);
        }
    }

    /// <remarks>Idempotent: the container disposes it once per registration (itself and <see cref="IIndexMaintenance"/>).</remarks>
    public void Dispose()
    {
        Interlocked.Exchange(ref _current, null)?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened index: {Articles} articles, {Passages} passages ({Folder})")]
    private partial void LogOpened(int articles, int passages, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "The index in {Folder} was built with another schema or chunking; rebuilding")]
    private partial void LogSchemaChanged(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "The index in {Folder} is being written by {Holder}; serving its last commit")]
    private partial void LogBusy(string folder, string holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Holder} to finish building the index in {Folder}")]
    private partial void LogWaiting(string folder, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index in {Folder} is unreadable ({Reason}); rebuilding it")]
    private partial void LogCorrupt(Exception exception, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted old index folder {Name}")]
    private partial void LogDeleted(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the old index folder {Folder}")]
    private partial void LogCleanupFailed(Exception exception, string folder);
}
