using Bot.Core.State.Postgres;
using Bot.Telegram;
using Bot.Telegram.Handling;
using Bot.Telegram.State;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Storage;

/// <summary>Behind nginx's round robin a user's requests reach every replica; the limit is counted once for all of them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedRequestLimitsTests(PostgresFixture cluster)
{
    private const long Sara = 7;

    private static PostgresRequestLimits Replica(PostgresDatabase database, TimeProvider clock, int perMinute) => new(
        database, new RequestLimits(perMinute, TimeSpan.FromMinutes(1)), Options.Create(new TelegramOptions { RateLimitPerMinute = perMinute }),
        clock, NullLogger<PostgresRequestLimits>.Instance);

    [SharedStoreFact]
    public async Task Requests_through_two_replicas_share_one_limit_and_the_next_minute_starts_afresh()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var database = PostgresStoreTests.Database(connection);
        await database.MigrateAsync(CancellationToken.None);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:05Z"));
        var (first, second) = (Replica(database, clock, 3), Replica(PostgresStoreTests.Database(connection), clock, 3));

        var decisions = new List<RateDecision>();
        foreach (var replica in new[] { first, second, first, second, first })
        {
            decisions.Add(await replica.TryAcquireAsync(Sara, CancellationToken.None));
        }

        Assert.Equal([RateDecision.Allow, RateDecision.Allow, RateDecision.Allow, RateDecision.Warn, RateDecision.Drop], decisions);
        Assert.Equal(RateDecision.Allow, await second.TryAcquireAsync(Sara + 1, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RateDecision.Allow, await second.TryAcquireAsync(Sara, CancellationToken.None));
    }

    [Fact]
    public async Task With_the_database_unreachable_a_replica_still_answers_and_counts_in_memory()
    {
        // Nothing listens on port 1: the connection fails at once.
        var database = PostgresStoreTests.Database("Host=127.0.0.1;Port=1;Username=bot;Password=x;Timeout=2");
        var replica = Replica(database, TimeProvider.System, 2);

        var decisions = new List<RateDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await replica.TryAcquireAsync(Sara, CancellationToken.None));
        }

        Assert.Equal([RateDecision.Allow, RateDecision.Allow, RateDecision.Warn, RateDecision.Drop], decisions);
    }
}
