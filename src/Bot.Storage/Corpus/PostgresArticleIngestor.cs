using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Uploads when PostgreSQL is the source of truth: the same checks as <see cref="FolderArticleIngestor"/>, then each
/// article of the file goes through the <see cref="IArticleWriter"/> (PostgreSQL, then this replica's index), so an
/// upload to any replica is searchable on all of them.
/// </summary>
internal sealed class PostgresArticleIngestor(IArticleWriter writer, IArticleCatalog catalog, ILogger<PostgresArticleIngestor> logger) : IArticleIngestor
{
    public async Task<IngestResult> AddAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var (_, articles) = await FolderArticleIngestor.ReadArticlesAsync(fileName, content, logger, cancellationToken).ConfigureAwait(false);
        Article? first = null;
        foreach (var article in articles)
        {
            var result = await writer.AddAsync(article, cancellationToken).ConfigureAwait(false);
            first ??= result.Article;
        }
        return new IngestResult(first!, await catalog.CountAsync(cancellationToken).ConfigureAwait(false));
    }
}
