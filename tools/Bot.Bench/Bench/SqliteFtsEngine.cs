using Bot.Core.Evaluation;
using Microsoft.Data.Sqlite;

namespace Bot.Cli.Bench;

/// <summary>
/// SQLite FTS5 through Microsoft.Data.Sqlite: one row per passage (passage id, article id, text) in an FTS5 table with
/// the unicode61 tokenizer (remove_diacritics 2), ranked by bm25; a query is its words OR'ed, each quoted.
/// </summary>
internal sealed class SqliteFtsEngine(BenchData data) : ISearchEngine
{
    public const string Name = "sqlite-fts5";

    private string DatabaseFile => Path.Combine(data.EngineFolder(Name), "passages.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString();

    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data.EngineFolder(Name));
        File.Delete(DatabaseFile);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE VIRTUAL TABLE passages USING fts5(
                passage_id UNINDEXED, article_id UNINDEXED, body,
                tokenize = 'unicode61 remove_diacritics 2')
            """, cancellationToken).ConfigureAwait(false);

        var count = 0;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO passages (passage_id, article_id, body) VALUES ($id, $article, $body)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var article = insert.Parameters.Add("$article", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            await foreach (var passage in data.ReadPassagesAsync(cancellationToken).ConfigureAwait(false))
            {
                id.Value = passage.Id;
                article.Value = passage.ArticleId;
                body.Value = passage.Text;
                count += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // Merge the index segments into one, as a read-mostly archive would.
        await ExecuteAsync(connection, "INSERT INTO passages (passages) VALUES ('optimize')", cancellationToken).ConfigureAwait(false);
        return count;
    }

    public Task<long> IndexBytesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Directory.EnumerateFiles(data.EngineFolder(Name)).Sum(f => new FileInfo(f).Length));

    public async Task<IEngineSearcher> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new Searcher(connection);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The FTS5 query for free text: every distinct space-separated word quoted (quotes doubled) and OR'ed; the
    /// tokenizer then drops punctuation and diacritics inside the quotes as it did when indexing.
    /// </summary>
    public static string MatchExpression(string text) =>
        string.Join(" OR ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)
            .Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Searcher : IEngineSearcher
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _query;
        private readonly SqliteParameter _match;
        private readonly SqliteParameter _k;

        public Searcher(SqliteConnection connection)
        {
            _connection = connection;
            _query = connection.CreateCommand();
            _query.CommandText = "SELECT article_id FROM passages WHERE passages MATCH $match ORDER BY bm25(passages) LIMIT $k";
            _match = _query.Parameters.Add("$match", SqliteType.Text);
            _k = _query.Parameters.Add("$k", SqliteType.Integer);
        }

        public async Task<IReadOnlyList<KnownItemHit>> SearchAsync(string query, int k, CancellationToken cancellationToken)
        {
            var match = MatchExpression(query);
            if (match.Length == 0)
            {
                return [];
            }
            _match.Value = match;
            _k.Value = k;
            return await SqlHits.ReadAsync(_query, k, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _query.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
