using System.Text.Json;
using Bot.Core.Conversations;
using Bot.Core.State;
using Bot.Core.State.Postgres;
using Bot.Telegram.State;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresFixture cluster)
{
    [SharedStoreFact]
    public async Task Three_replicas_starting_together_migrate_the_schema_once_and_a_restart_finds_nothing_to_do()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 3).Select(_ => Database(connection)).ToList();

        await Task.WhenAll(replicas.Select(r => r.MigrateAsync(CancellationToken.None)));

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        Assert.Equal(PostgresMigrations.All.Count, await CountAsync(db, "SELECT count(*) FROM schema_migrations"));
        Assert.Empty(await PostgresMigrations.ApplyAsync(db, CancellationToken.None));
    }

    [SharedStoreFact]
    public async Task A_replica_that_starts_while_another_migrates_waits_for_the_advisory_lock()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var other = new NpgsqlConnection(connection);
        await other.OpenAsync();
        await other.ExecuteAsync("SELECT pg_advisory_lock(@k)", CancellationToken.None, ("k", PostgresMigrations.LockKey));

        var starting = Database(connection).MigrateAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.False(starting.IsCompleted);

        await other.ExecuteAsync("SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", PostgresMigrations.LockKey));
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(PostgresMigrations.All.Count, await CountAsync(other, "SELECT count(*) FROM schema_migrations"));
    }

    [SharedStoreFact]
    public async Task Conversations_buttons_and_sent_articles_written_by_one_replica_are_read_by_another()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        var (first, second) = (Database(connection), Database(connection));
        var key = new ConversationKey("telegram", 500, 7);

        await new PostgresConversationStore(first, clock).AppendAsync(key, new ConversationTurn("من زار طهران؟", "وزير الدفاع السوري [1].", clock.GetUtcNow()), CancellationToken.None);
        await new PostgresButtonStore(first, clock).SaveAsync([new("tok1", "summary:a1")], CancellationToken.None);
        await new PostgresSentArticleStore(first, clock).RememberAsync(500, 12, "a1", CancellationToken.None);

        var turns = await new PostgresConversationStore(second, clock).GetAsync(key, CancellationToken.None);
        Assert.Equal("من زار طهران؟", Assert.Single(turns).Question);
        Assert.Equal("summary:a1", await new PostgresButtonStore(second, clock).FindAsync("tok1", CancellationToken.None));
        Assert.Equal("a1", await new PostgresSentArticleStore(second, clock).FindAsync(500, 12, CancellationToken.None));

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(await new PostgresButtonStore(second, clock).FindAsync("tok1", CancellationToken.None));
        Assert.Empty(await new PostgresConversationStore(second, clock).GetAsync(key, CancellationToken.None));
    }

    [SharedStoreFact]
    public async Task An_update_claimed_by_one_replica_gives_the_others_nothing_to_do_until_its_lease_runs_out()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        var first = Inbox(connection, clock);
        var second = Inbox(connection, clock);
        var update = Update(77, "ما آخر الأخبار؟");

        Assert.True(await first.TryClaimAsync(update, CancellationToken.None));
        Assert.False(await second.TryClaimAsync(update, CancellationToken.None));
        Assert.False(await first.TryClaimAsync(update, CancellationToken.None)); // Telegram's retry to the same replica
        Assert.Empty(await second.TakeOverExpiredAsync(10, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(20));
        await first.RenewAsync(CancellationToken.None); // alive: renewed, not taken over
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await second.TakeOverExpiredAsync(10, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(31)); // the first replica died: no renewal
        var taken = Assert.Single(await second.TakeOverExpiredAsync(10, CancellationToken.None));
        Assert.Equal(77, taken.Id);
        Assert.Equal("ما آخر الأخبار؟", taken.Message!.Text);
        Assert.Empty(await first.TakeOverExpiredAsync(10, CancellationToken.None));

        await second.CompleteAsync(77, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await first.TakeOverExpiredAsync(10, CancellationToken.None));
        Assert.False(await first.TryClaimAsync(update, CancellationToken.None)); // a late re-delivery of a handled update
    }

    [SharedStoreFact]
    public async Task An_update_whose_replica_replied_before_dying_is_not_answered_again_by_the_replica_that_takes_it_over()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        var (dying, survivor) = (Inbox(connection, clock), Inbox(connection, clock));
        Assert.True(await dying.TryClaimAsync(Update(80, "سؤال أول"), CancellationToken.None));
        Assert.True(await dying.TryClaimAsync(Update(81, "سؤال ثان"), CancellationToken.None));

        await dying.RepliedAsync(500, 80, CancellationToken.None); // the answer to 80 went out, then the replica died
        clock.Advance(TimeSpan.FromSeconds(31));

        var taken = Assert.Single(await survivor.TakeOverExpiredAsync(10, CancellationToken.None));
        Assert.Equal(81, taken.Id);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_key()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.True(result.Failed);
        Assert.Contains("ConnectionStrings:Postgres", result.FailureMessage);
        Assert.Contains("ConnectionStrings__Postgres", result.FailureMessage);
    }

    internal static PostgresDatabase Database(string connection) =>
        new(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connection }), NullLogger<PostgresDatabase>.Instance);

    private static PostgresUpdateInbox Inbox(string connection, TimeProvider clock) => new(Database(connection), clock, new ReplicaIdentity(), NullLogger<PostgresUpdateInbox>.Instance);

    internal static Update Update(int id, string text) => JsonSerializer.Deserialize<Update>(
        $$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"date":1700000000,"chat":{"id":500,"type":"private","first_name":"س"},"from":{"id":7,"is_bot":false,"first_name":"سارة"},"text":"{{{text}}}"}}""",
        JsonBotAPI.Options)!;

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
