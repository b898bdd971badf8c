using Bot.Telegram.State;
using Bot.Tests.Storage;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Telegram;

/// <summary>
/// Issue 19, defect 2: while an old process is still stopping (the overlap <c>Telegram:ConflictGraceSeconds</c>
/// tolerates) the new one must not run the updates the old one holds under a live lease.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PollingOverlapTests(PostgresFixture cluster)
{
    [SharedStoreFact]
    public async Task A_new_poller_leaves_alone_the_update_another_live_owner_holds_and_takes_it_when_that_owner_gives_it_back()
    {
        var connection = await cluster.CreateDatabaseAsync();
        var database = PostgresStoreTests.Database(connection);
        await database.MigrateAsync(CancellationToken.None);
        // The old process received update 90 (chat 500) and still holds it: its lease runs for 30 s.
        var old = new PostgresUpdateInbox(database, TimeProvider.System, new ReplicaIdentity(), NullLogger<PostgresUpdateInbox>.Instance);
        await old.AcceptAsync([PostgresStoreTests.Update(90, "من التقى وزير الدفاع السوري في طهران؟")], CancellationToken.None);

        await using var api = new FakeBotApi();
        var bot = await BotRunner.StartAsync(api, extra: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connection,
            ["Telegram:ClaimLeaseSeconds"] = "3",
        });
        try
        {
            api.Text(501, 8, "ما الذي بحثه وزير الدفاع السوري في طهران؟");
            await api.WaitUntilAsync(_ => api.Sent(501).Count >= 1, seconds: 60);
            await BotRunner.WaitUntilIdleAsync(bot, api);

            // One reply: to the new poller's own update. The old owner's update is the old owner's to answer.
            Assert.Single(api.Calls, c => c.Method == "sendMessage");
            Assert.Empty(api.Sent(500));

            // The old process stops without having started it: it gives the update back, and the new poller answers it.
            await old.ReleaseAsync(CancellationToken.None);
            await api.WaitUntilAsync(_ => api.Sent(500).Count >= 1, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, api);
            Assert.Single(api.Sent(500));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }
}
