using Bot.Core.State.Postgres;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Storage;

/// <summary>Three replicas share the articles table; one of them fetches the feeds, and another takes over when it goes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedPollingLeaderTests(PostgresFixture cluster)
{
    [SharedStoreFact]
    public async Task One_replica_at_a_time_polls_and_another_takes_the_turn_when_it_stops()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 3)
            .Select(_ => new PostgresFeedPollingLeader(PostgresStoreTests.Database(connection), NullLogger<PostgresFeedPollingLeader>.Instance))
            .ToList();

        var first = await Task.WhenAll(replicas.Select(r => r.HoldsAsync(CancellationToken.None)));
        var leader = Array.IndexOf(first, true);
        Assert.Equal(1, first.Count(held => held));
        Assert.True(await replicas[leader].HoldsAsync(CancellationToken.None)); // it keeps the turn pass after pass

        await replicas[leader].DisposeAsync();
        var others = replicas.Where((_, i) => i != leader).ToList();
        var second = new List<bool>();
        foreach (var replica in others)
        {
            second.Add(await replica.HoldsAsync(CancellationToken.None));
        }

        Assert.Equal([true, false], second);
        foreach (var replica in others)
        {
            await replica.DisposeAsync();
        }
    }
}
