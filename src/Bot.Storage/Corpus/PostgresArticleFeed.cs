using System.Globalization;
using Bot.Core.Search;
using Bot.Core.State;
using Bot.Core.State.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Bot.Core.Corpus;

/// <summary>
/// Keeps this replica's local index in step with the <c>articles</c> table: every insert or change gets a new
/// version and a <c>NOTIFY articles_changed</c>; on each notification (and every
/// <see cref="StorageOptions.ArticleCatchUpSeconds"/>, and at start) the rows past the last version applied here are
/// written as JSON files into the added-articles folder (deleted ones removed) and indexed incrementally. The last
/// version applied is kept in that folder (a dot file the corpus ignores), so a restart only fetches what changed
/// meanwhile, and a replica whose folder was lost (a new container) fetches everything again. The timed catch-up
/// also rereads the rows changed in the last minutes: a transaction that committed after a later version was
/// already seen is not missed.
/// </summary>
internal sealed partial class PostgresArticleFeed(
    PostgresDatabase database,
    CorpusLocation corpus,
    IIndexMaintenance index,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<PostgresArticleFeed> logger) : BackgroundService
{
    internal const string Channel = "articles_changed";
    internal const string VersionFile = ".postgres-feed-version";
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Longest pause between two attempts to reach PostgreSQL again (1, 2, 4 … 30 s).</summary>
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnect = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<IOException>().Handle<TimeoutException>(),
                MaxRetryAttempts = int.MaxValue, // for as long as the worker runs
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxPause,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    LogFeedFailed(args.Outcome.Exception!, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await reconnect.ExecuteAsync(ConnectAsync, stoppingToken).ConfigureAwait(false);
                await ListenAsync(listener, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                LogFeedFailed(ex, 0); // The connection that worked failed: connect again at once, then back off.
            }
        }
    }

    /// <summary>Opens the listening connection and applies what changed while it was closed.</summary>
    private async ValueTask<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var listener = await database.OpenListenerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await listener.ExecuteAsync($"LISTEN {Channel}", cancellationToken).ConfigureAwait(false);
            await CatchUpAsync(lookback: true, cancellationToken).ConfigureAwait(false);
            return listener;
        }
        catch
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies each burst of notifications, and every catch-up period what might have been missed, until stopped or failed.</summary>
    private async Task ListenAsync(NpgsqlConnection listener, CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.ArticleCatchUpSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var notified = await listener.WaitAsync(period, stoppingToken).ConfigureAwait(false);
            if (notified)
            {
                // A burst of additions: gather the notifications of the next moment into one catch-up.
                while (await listener.WaitAsync(TimeSpan.FromMilliseconds(100), stoppingToken).ConfigureAwait(false))
                {
                }
            }
            await CatchUpAsync(lookback: !notified, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies the rows changed since the last version applied here; returns how many files changed.</summary>
    public async Task<int> CatchUpAsync(bool lookback, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var last = ReadVersion();
            var changed = new List<string>();
            var highest = last;
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
            await using (var command = connection.Command(
                lookback
                    ? "SELECT id, title, date, source, url, text, summary, deleted, version FROM articles WHERE version > @last OR updated_at > now() - @lookback ORDER BY version"
                    : "SELECT id, title, date, source, url, text, summary, deleted, version FROM articles WHERE version > @last ORDER BY version",
                ("last", last), ("lookback", Lookback)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var path = reader.GetBoolean(7)
                        ? AddedArticleFiles.Delete(corpus, reader.GetString(0))
                        : await AddedArticleFiles.WriteAsync(corpus, PostgresArticleWriter.Read(reader), cancellationToken).ConfigureAwait(false);
                    if (path is not null)
                    {
                        changed.Add(path);
                    }
                    highest = Math.Max(highest, reader.GetInt64(8));
                }
            }
            if (changed.Count > 0)
            {
                await index.ApplyAsync(changed, CancellationToken.None).ConfigureAwait(false);
                LogApplied(changed.Count, highest);
            }
            if (highest != last)
            {
                await WriteVersionAsync(highest, cancellationToken).ConfigureAwait(false);
            }
            return changed.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private long ReadVersion()
    {
        var file = Path.Combine(corpus.AddedFolder, VersionFile);
        return File.Exists(file) && long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : 0;
    }

    private async Task WriteVersionAsync(long version, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(corpus.AddedFolder);
        var file = Path.Combine(corpus.AddedFolder, VersionFile);
        var temp = Path.Combine(corpus.AddedFolder, $".{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, version.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temp, file, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Article feed: {Count} articles from PostgreSQL indexed (version {Version})")]
    private partial void LogApplied(int count, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article feed from PostgreSQL failed; retrying in {Seconds} s")]
    private partial void LogFeedFailed(Exception exception, double seconds);
}
