using Bot.Core.Sources;
using Bot.Telegram.Subscriptions;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Subscriptions;

/// <summary>Two replicas on one PostgreSQL: the digest still reaches each subscriber once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedDigestTests(PostgresFixture cluster) : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _temp = new();

    [SharedStoreFact]
    public async Task Two_replicas_that_both_send_at_the_hour_send_each_subscriber_the_digest_once()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connection };
        // Both replicas believe they hold the turn, so both send: only the claims in the shared store keep a digest single.
        void BothSend(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IFeedPollingLeader, AlwaysLeader>());
        var (clockA, clockB) = (new FakeTimeProvider(SubscriptionWorld.BeforeTheHour), new FakeTimeProvider(SubscriptionWorld.BeforeTheHour));
        var a = await SubscriptionWorld.StartAsync(_api, clockA, SubscriptionWorld.WriteCorpus(_temp, "a"), _temp.Combine("a-index"), settings, BothSend);
        var b = await SubscriptionWorld.StartAsync(_api, clockB, SubscriptionWorld.WriteCorpus(_temp, "b"), _temp.Combine("b-index"), settings, BothSend);
        var chats = Enumerable.Range(0, 300).Select(i => 50_000L + i).ToList();
        try
        {
            await SubscriptionWorld.SubscribeAsync(a, chats);
            Assert.Equal(300, (await b.Get<ISubscriptionStore>().DigestsDueAsync("Asia/Riyadh", "digest:2015-08-06", clockB.GetUtcNow(), CancellationToken.None)).Count);

            // The two clocks move together; each replica's senders take turns with the other's for the same chats.
            var (pacerA, pacerB) = (a.Get<BroadcastPacer>(), b.Get<BroadcastPacer>());
            var deadline = DateTime.UtcNow.AddSeconds(60);
            clockA.Advance(TimeSpan.FromMinutes(1));
            clockB.Advance(TimeSpan.FromMinutes(1));
            while (SubscriptionWorld.SentCount(_api) < 300)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{SubscriptionWorld.SentCount(_api)} of 300 digests sent.");
                await Task.Delay(2);
                if (pacerA.Waiting + pacerB.Waiting > 0)
                {
                    clockA.Advance(TimeSpan.FromMilliseconds(50));
                    clockB.Advance(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        finally
        {
            // Stopping lets every send already claimed finish: what was sent is all there will be.
            await BotRunner.StopAsync(a);
            await BotRunner.StopAsync(b);
        }

        var perChat = SubscriptionWorld.Digests(_api).GroupBy(d => long.Parse(d["chat_id"]!.ToString())).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(chats, perChat.Keys.Order());
        Assert.All(perChat.Values, count => Assert.Equal(1, count));
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var sent = new NpgsqlCommand("SELECT count(*) FROM subscription_deliveries WHERE item = 'digest:2015-08-06' AND sent_at IS NOT NULL", db);
        Assert.Equal(300L, await sent.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _temp.Dispose();
    }
}
