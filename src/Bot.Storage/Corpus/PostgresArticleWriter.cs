using System.Data.Common;
using Bot.Core.Search;
using Bot.Core.State;
using Bot.Core.State.Postgres;
using Npgsql;

namespace Bot.Core.Corpus;

/// <summary>
/// Adds articles when PostgreSQL is the source of truth: the article is written to the <c>articles</c> table (which
/// wakes every replica's <see cref="PostgresArticleFeed"/>), then materialised and indexed here at once through the
/// <see cref="IndexedArticleWriter"/>, so it is searchable on this replica when the call returns and on the others
/// within a second or two. Duplicates by URL are found in PostgreSQL (an article another replica just added), by
/// URL or text in the local index.
/// </summary>
internal sealed class PostgresArticleWriter(IndexedArticleWriter local, IIndexViews index, PostgresDatabase database) : IArticleWriter
{
    private const string Upsert = """
        INSERT INTO articles (id, title, date, source, url, text, summary) VALUES (@id, @title, @date, @source, @url, @text, @summary)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, date = excluded.date, source = excluded.source, url = excluded.url,
            text = excluded.text, summary = excluded.summary, deleted = false
        """;

    public async Task<ArticleWriteResult> AddAsync(Article article, CancellationToken cancellationToken)
    {
        var safe = article with { Id = JsonArticleReader.SafeId(article.Id) };
        int count;
        using (var view = await index.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            if (view.FindDuplicate(safe) is { } existing)
            {
                return new ArticleWriteResult(existing, Duplicate: true, view.ArticleCount);
            }
            count = view.ArticleCount;
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (safe.Url is { Length: > 0 } url)
        {
            await using var find = connection.Command(
                "SELECT id, title, date, source, url, text, summary FROM articles WHERE url = @url AND id <> @id AND NOT deleted LIMIT 1",
                ("url", url), ("id", safe.Id));
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new ArticleWriteResult(Read(reader), Duplicate: true, count);
            }
        }
        await connection.ExecuteAsync(Upsert, cancellationToken,
            ("id", safe.Id), ("title", safe.Title), ("date", safe.Date), ("source", safe.Source), ("url", safe.Url),
            ("text", string.Join('\n', safe.Paragraphs)), ("summary", string.Join('\n', safe.PublisherSummary))).ConfigureAwait(false);
        return await local.AddAsync(safe, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        var id = JsonArticleReader.SafeId(articleId);
        int marked;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // A tombstone, not a DELETE: the other replicas' feeds see it and remove their copy.
            marked = await connection.ExecuteAsync("UPDATE articles SET deleted = true WHERE id = @id AND NOT deleted", cancellationToken, ("id", id))
                .ConfigureAwait(false);
        }
        return await local.RemoveAsync(id, cancellationToken).ConfigureAwait(false) || marked > 0;
    }

    /// <summary>An article from the columns id, title, date, source, url, text, summary (in that order).</summary>
    internal static Article Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        Lines(reader.GetString(5)),
        Lines(reader.GetString(6)));

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.Split('\n');
}
