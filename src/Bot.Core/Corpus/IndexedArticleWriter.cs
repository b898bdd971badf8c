using System.Text.Json;
using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Adds single articles (feeds, links, channel posts): each is written as a JSON file into the added-articles
/// folder (so a full rebuild keeps it) and indexed at once as a changed file. Duplicates by URL or text are refused.
/// </summary>
internal sealed partial class IndexedArticleWriter(
    CorpusLocation corpus, ArticleIndex index, ILogger<IndexedArticleWriter> logger) : IArticleWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ArticleWriteResult> AddAsync(Article article, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var safe = article with { Id = JsonArticleReader.SafeId(article.Id) };
            using (var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                if (lease.Snapshot.FindDuplicate(safe) is { } existing)
                {
                    return new ArticleWriteResult(existing, Duplicate: true, lease.Snapshot.ArticleCount);
                }
            }

            var relative = FileOf(safe.Id);
            var path = Path.Combine(corpus.AddedFolder, relative);
            Directory.CreateDirectory(corpus.AddedFolder);
            var temp = Path.Combine(corpus.AddedFolder, $".{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new
            {
                id = safe.Id,
                title = safe.Title,
                date = safe.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                source = safe.Source,
                url = safe.Url,
                text = string.Join('\n', safe.Paragraphs),
                summary = safe.PublisherSummary,
            }, Json), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);

            await index.ApplyAsync([corpus.SourcePathOf(relative)], CancellationToken.None).ConfigureAwait(false);
            using var after = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
            LogAdded(safe.Id, after.Snapshot.ArticleCount);
            return new ArticleWriteResult(after.Snapshot.Article(safe.Id) ?? safe, Duplicate: false, after.Snapshot.ArticleCount);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var relative = FileOf(JsonArticleReader.SafeId(articleId));
            var path = Path.Combine(corpus.AddedFolder, relative);
            if (!File.Exists(path))
            {
                return false;
            }
            File.Delete(path);
            await index.ApplyAsync([corpus.SourcePathOf(relative)], CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string FileOf(string id) => id + ".json";

    [LoggerMessage(Level = LogLevel.Information, Message = "Added article {ArticleId}; {Count} articles now")]
    private partial void LogAdded(string articleId, int count);
}
