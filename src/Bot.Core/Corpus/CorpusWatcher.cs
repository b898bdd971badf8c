using Bot.Core.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// For long-running hosts (the Telegram worker): watches the articles folder and updates the index when files are added,
/// changed or removed, after a quiet period so a copy of many files triggers one update. The content fingerprint
/// only changed files are indexed again (sizes and times decide).
/// </summary>
internal sealed partial class CorpusWatcher(CorpusLocation corpus, ArticleIndex index, ILogger<CorpusWatcher> logger) : BackgroundService
{
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Directory.Exists(corpus.Path))
        {
            return;
        }

        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(corpus.Path)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        FileSystemEventHandler onChange = (_, e) =>
        {
            if (!Path.GetFileName(e.FullPath).StartsWith('.'))
            {
                changed.Release();
            }
        };
        watcher.Created += onChange;
        watcher.Changed += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) => onChange(watcher, e);
        watcher.EnableRaisingEvents = true;

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                // Let a burst of changes settle, then rebuild once.
                while (await changed.WaitAsync(QuietPeriod, stoppingToken).ConfigureAwait(false))
                {
                }
                try
                {
                    if (await index.SyncAsync(stoppingToken).ConfigureAwait(false) is { } summary)
                    {
                        LogReindexed(corpus.Path, summary.ArticleCount);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    LogFailed(ex, corpus.Path);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Articles in {Folder} changed; {Articles} articles indexed again")]
    private partial void LogReindexed(string folder, int articles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reindex after a change in {Folder}")]
    private partial void LogFailed(Exception exception, string folder);
}
