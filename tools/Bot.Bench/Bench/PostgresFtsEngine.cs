using Bot.Core.Evaluation;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Cli.Bench;

/// <summary>
/// PostgreSQL full-text search through Npgsql: <c>to_tsvector('arabic', body)</c> in a stored generated column with a
/// GIN index; a query is its words OR'ed through <c>websearch_to_tsquery('arabic', …)</c>, ranked by <c>ts_rank</c>.
/// </summary>
internal sealed class PostgresFtsEngine(string connectionString, BenchData data) : ISearchEngine
{
    public const string Name = "postgresql-fts";

    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            DROP TABLE IF EXISTS passages;
            CREATE TABLE passages (
                passage_id text PRIMARY KEY,
                article_id text NOT NULL,
                body text NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (to_tsvector('arabic', body)) STORED)
            """, cancellationToken).ConfigureAwait(false);

        ulong count;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY passages (passage_id, article_id, body) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var passage in data.ReadPassagesAsync(cancellationToken).ConfigureAwait(false))
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(passage.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(passage.ArticleId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(passage.Text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            count = await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        // The index after the load, as a bulk import would do it.
        await ExecuteAsync(connection, "CREATE INDEX passages_tsv ON passages USING GIN (tsv); ANALYZE passages", cancellationToken)
            .ConfigureAwait(false);
        return (int)count;
    }

    public async Task<long> IndexBytesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_total_relation_size('passages')", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IEngineSearcher> OpenAsync(CancellationToken cancellationToken) =>
        new Searcher(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The websearch query for free text: every distinct space-separated word, stripped of websearch syntax, joined by <c>or</c>.</summary>
    public static string OrQuery(string text) =>
        string.Join(" or ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Replace("\"", "", StringComparison.Ordinal).TrimStart('-'))
            .Where(w => w.Length > 0 && !w.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal));

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Searcher(NpgsqlConnection connection) : IEngineSearcher
    {
        private readonly NpgsqlCommand _query = new("""
            SELECT article_id FROM passages, websearch_to_tsquery('arabic', $1) AS q
            WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT $2
            """, connection)
        {
            Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text }, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer } },
        };

        public async Task<IReadOnlyList<KnownItemHit>> SearchAsync(string query, int k, CancellationToken cancellationToken)
        {
            var text = OrQuery(query);
            if (text.Length == 0)
            {
                return [];
            }
            _query.Parameters[0].Value = text;
            _query.Parameters[1].Value = k;
            if (!_query.IsPrepared)
            {
                await _query.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            return await SqlHits.ReadAsync(_query, k, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _query.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
