using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Adds an uploaded document, whatever the storage: the file is parsed and checked before anything is written, then
/// each article in it goes through the <see cref="IArticleWriter"/> (the added-articles folder, or PostgreSQL), which
/// refuses a text or URL already archived under another name. An upload that reuses a file name for new content gets a
/// new id (<c>name-2</c>) instead of replacing the article of that name.
/// </summary>
internal sealed partial class ArticleUploadIngestor(
    IArticleWriter writer, IArticleCatalog catalog, ILogger<ArticleUploadIngestor> logger) : IArticleIngestor
{
    private static readonly string[] Extensions = [".txt", ".md", ".json", ".jsonl"];

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IngestResult> AddAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var articles = await ReadArticlesAsync(fileName, content, logger, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = new List<ArticleWriteResult>(articles.Count);
            foreach (var article in articles)
            {
                var (id, sameFile) = await FreeIdAsync(article, cancellationToken).ConfigureAwait(false);
                written.Add(sameFile is not null
                    ? new ArticleWriteResult(sameFile, Duplicate: true, ArticleCount: 0)
                    : await writer.AddAsync(article with { Id = id }, cancellationToken).ConfigureAwait(false));
            }
            var added = written.Where(w => !w.Duplicate).ToList();
            var count = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
            LogAdded(fileName, added.Count, written.Count - added.Count, count);
            return new IngestResult((added.Count > 0 ? added : written)[0].Article, count, added.Count, written.Count - added.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// An id no other article holds (<c>id</c>, <c>id-2</c>, …), or the article of the same id when it already has
    /// exactly this text (the same file sent again).
    /// </summary>
    private async Task<(string Id, Article? SameFile)> FreeIdAsync(Article article, CancellationToken cancellationToken)
    {
        var stem = JsonArticleReader.SafeId(article.Id);
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? stem : $"{stem}-{n}";
            var existing = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return (id, null);
            }
            if (existing.Paragraphs.SequenceEqual(article.Paragraphs))
            {
                return (id, existing);
            }
        }
    }

    /// <summary>The articles in the upload; refuses (Arabic message) what cannot become an article.</summary>
    /// <exception cref="InvalidArticleException">Unsupported type, too large, or no article in it.</exception>
    private static async Task<IReadOnlyList<Article>> ReadArticlesAsync(
        string fileName, Stream content, ILogger logger, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            throw new InvalidArticleException("نوع الملف غير مدعوم. أرسل ملف نص (.txt أو .md) أو JSON (.json أو .jsonl).");
        }

        var bytes = await ReadBoundedAsync(content, cancellationToken).ConfigureAwait(false);
        var articles = FolderArticleSource.ParseFile(fileName, bytes, out var problem);
        if (articles.Count == 0)
        {
            LogRejected(logger, fileName, problem ?? "no article");
            throw new InvalidArticleException("تعذّرت قراءة مقالة من هذا الملف (فارغ أو غير مقروء أو بترميز غير معروف).");
        }
        return articles;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > ArticleLimits.MaxFileBytes)
            {
                throw new InvalidArticleException(ArticleLimits.FileTooBig);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {FileName}: {Added} articles added, {Duplicates} already archived; {Count} articles now")]
    private partial void LogAdded(string fileName, int added, int duplicates, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected upload {FileName}: {Problem}")]
    private static partial void LogRejected(ILogger logger, string fileName, string problem);
}
