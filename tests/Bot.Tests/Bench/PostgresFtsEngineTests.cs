using Bot.Cli.Bench;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Bench;

public sealed class PostgresFtsEngineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [PostgresFact]
    public async Task A_throwaway_cluster_serves_arabic_full_text_search_and_is_deleted_afterwards()
    {
        var data = await BenchPassages.WriteAsync(_temp.Path);
        var cluster = await PostgresCluster.StartAsync(PostgresCluster.FindBinaries()!, CancellationToken.None);
        await using (cluster)
        {
            await cluster.CreateDatabaseAsync("bench_test", CancellationToken.None);
            await using var engine = new PostgresFtsEngine(cluster.ConnectionString("bench_test"), data);
            await engine.BuildAsync(CancellationToken.None);

            var serve = await EngineRunner.ServeAsync(engine, await data.ReadQueriesAsync(CancellationToken.None), 10, CancellationToken.None);

            Assert.Equal("okaz-1", serve.Results[0][0].ArticleId);
            Assert.Equal("sabq-2", serve.Results[1][0].ArticleId);
            Assert.Contains(serve.Results[2][0].ArticleId, new[] { "was-3", "alyaum-4" });
            Assert.True(await engine.IndexBytesAsync(CancellationToken.None) > 0);
            Assert.True(ProcessMemory.TreePssBytes(cluster.ServerProcessId()) > 0);
        }
        Assert.False(await CanConnectAsync(cluster.ConnectionString("postgres")));
    }

    [Fact]
    public void A_query_becomes_its_distinct_words_ored_without_websearch_syntax()
    {
        Assert.Equal("معرض or للكتاب or جدة", PostgresFtsEngine.OrQuery("\"معرض\" للكتاب -جدة معرض or"));
    }

    private static async Task<bool> CanConnectAsync(string connectionString)
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString + ";Timeout=2;Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    }

    public void Dispose() => _temp.Dispose();
}
