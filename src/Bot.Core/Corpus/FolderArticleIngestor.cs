using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Adds an uploaded document to the articles folder and indexes just that file. The document is parsed before anything is written,
/// written under a temporary name and renamed into place, so a bad or interrupted upload never changes the corpus.
/// </summary>
public sealed partial class FolderArticleIngestor(
    CorpusLocation corpus, ArticleIndex index, IArticleCatalog catalog, ILogger<FolderArticleIngestor> logger) : IArticleIngestor
{
    private static readonly string[] Extensions = [".txt", ".md", ".json", ".jsonl"];

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IngestResult> AddAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var (bytes, _) = await ReadArticlesAsync(fileName, content, logger, cancellationToken).ConfigureAwait(false);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(corpus.AddedFolder);
            var target = FreeName(SafeStem(fileName), extension, bytes);
            var temp = Path.Combine(corpus.AddedFolder, $".upload-{Guid.NewGuid():N}.tmp");
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);

            // The file is indexed under its own name: the reply names the article this upload became.
            var written = FolderArticleSource.ParseFile(target, bytes, out _);
            await index.ApplyAsync([corpus.SourcePathOf(Path.GetFileName(target))], CancellationToken.None).ConfigureAwait(false);
            var stored = await catalog.GetAsync(written[0].Id, cancellationToken).ConfigureAwait(false) ?? written[0];
            var count = await catalog.CountAsync(cancellationToken).ConfigureAwait(false);
            LogAdded(stored.Id, Path.GetFileName(target), count);
            return new IngestResult(stored, count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The upload's bytes and the articles in it; refuses (Arabic message) what cannot become an article.</summary>
    /// <exception cref="InvalidArticleException">Unsupported type, too large, or no article in it.</exception>
    public static async Task<(byte[] Bytes, IReadOnlyList<Article> Articles)> ReadArticlesAsync(
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
        return (bytes, articles);
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

    /// <summary>Letters, digits, '-' and '_' only, so the name is a safe path and a stable article id.</summary>
    private static string SafeStem(string fileName)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(fileName)
            .Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return stem.Length == 0 ? "article" : stem[..Math.Min(stem.Length, 80)];
    }

    /// <summary>The same content reuses its file; a different one never overwrites another article.</summary>
    private string FreeName(string stem, string extension, byte[] bytes)
    {
        for (var n = 1; ; n++)
        {
            var candidate = Path.Combine(corpus.AddedFolder, (n == 1 ? stem : $"{stem}-{n}") + extension);
            if (!File.Exists(candidate) || File.ReadAllBytes(candidate).AsSpan().SequenceEqual(bytes))
            {
                return candidate;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added article {ArticleId} from upload {FileName}; {Count} articles now")]
    private partial void LogAdded(string articleId, string fileName, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected upload {FileName}: {Problem}")]
    private static partial void LogRejected(ILogger logger, string fileName, string problem);
}
