using System.Text;
using System.Text.Json;
using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Corpus;

/// <summary>
/// Interim <see cref="IArticleWriter"/>: stores each article as a JSON file through the upload path. Duplicates are
/// found by URL or normalised text among indexed articles.
/// </summary>
internal sealed class FolderArticleWriter(IArticleIngestor ingestor, IArticleCatalog catalog, CorpusLocation corpus) : IArticleWriter
{
    public async Task<ArticleWriteResult> AddAsync(Article article, CancellationToken cancellationToken)
    {
        var text = Fingerprint(article);
        foreach (var info in await catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (info.Id == article.Id || await catalog.GetAsync(info.Id, cancellationToken).ConfigureAwait(false) is not { } existing)
            {
                continue;
            }
            if ((article.Url is { Length: > 0 } && existing.Url == article.Url) || Fingerprint(existing) == text)
            {
                return new ArticleWriteResult(existing, Duplicate: true, await catalog.CountAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        var json = JsonSerializer.Serialize(new
        {
            id = article.Id,
            title = article.Title,
            date = article.Date?.ToString("yyyy-MM-dd"),
            source = article.Source,
            url = article.Url,
            text = string.Join("\n", article.Paragraphs),
        });
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var result = await ingestor.AddAsync(article.Id + ".json", stream, cancellationToken).ConfigureAwait(false);
        return new ArticleWriteResult(result.Article, Duplicate: false, result.ArticleCount);
    }

    public Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        var file = Path.Combine(corpus.Folder, JsonArticleReader.SafeId(articleId) + ".json");
        if (!File.Exists(file))
        {
            return Task.FromResult(false);
        }
        File.Delete(file);
        return Task.FromResult(true);
    }

    private static string Fingerprint(Article article) => ArabicNormalizer.Normalize(string.Join(" ", article.Paragraphs));
}
