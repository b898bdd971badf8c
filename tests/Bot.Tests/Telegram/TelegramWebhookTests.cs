using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Telegram.Hosting;
using Bot.Tests.TestSupport;
using Npgsql;

namespace Bot.Tests.Telegram;

[Collection(PostgresCollection.Name)]
public sealed class TelegramWebhookTests(PostgresFixture cluster)
{
    private const string Secret = "test-webhook-secret_42";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [SharedStoreFact]
    public async Task Deliveries_with_a_wrong_or_missing_secret_get_401_and_the_same_update_sent_to_two_replicas_is_answered_once()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var first = await StartReplicaAsync(api, connection);
        var second = await StartReplicaAsync(api, connection);
        try
        {
            api.Text(500, 7, "من التقى وزير الدفاع السوري في طهران؟");
            var update = Assert.Single(api.TakeQueued());

            Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(first, update, secret: "wrong"));
            Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(second, update, secret: null));
            Assert.Equal(0, await CountUpdatesAsync(connection));

            // Telegram's retry to the same replica, and a copy to another replica: one answer.
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(first, update, Secret));
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(first, update, Secret));
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(second, update, Secret));
            await BotRunner.WaitUntilIdleAsync(first, api);
            await BotRunner.WaitUntilIdleAsync(second, api);

            var answer = Assert.Single(api.Sent(500));
            Assert.Contains("طهران", answer["text"]!.ToString());
            var registration = api.Calls.First(c => c.Method == "setWebhook").Parameters;
            Assert.Equal(Secret, registration["secret_token"]!.ToString());
            Assert.Equal("https://bot.example/telegram/hook", registration["url"]!.ToString());
            Assert.Contains("callback_query", registration["allowed_updates"]!.ToJsonString());
        }
        finally
        {
            await BotRunner.StopAsync(first);
            await BotRunner.StopAsync(second);
        }
    }

    [SharedStoreFact]
    public async Task An_update_claimed_by_a_replica_that_died_is_answered_by_another_after_the_lease()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var survivor = await StartReplicaAsync(api, connection);
        try
        {
            api.Text(501, 7, "من التقى وزير الدفاع السوري في طهران؟");
            var update = Assert.Single(api.TakeQueued());
            // A replica claimed it and died before answering: its claim is in the table, nobody renews it.
            await using (var db = new NpgsqlConnection(connection))
            {
                await db.OpenAsync();
                await using var claim = new NpgsqlCommand(
                    "INSERT INTO telegram_updates (update_id, body, received_at, claimed_by, claimed_until) VALUES (@id, @body, now(), 'dead/1', now() + interval '1 second')", db);
                claim.Parameters.AddWithValue("id", (long)update["update_id"]!.GetValue<int>());
                claim.Parameters.AddWithValue("body", update.ToJsonString());
                await claim.ExecuteNonQueryAsync();
            }
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(survivor, update, Secret)); // already claimed: nothing to do

            await api.WaitUntilAsync(calls => calls.Any(c => c.Method == "sendMessage" && c.Parameters["chat_id"]?.ToString() == "501"), seconds: 15);
            await BotRunner.WaitUntilIdleAsync(survivor, api);
            Assert.Single(api.Sent(501));
        }
        finally
        {
            await BotRunner.StopAsync(survivor);
        }
    }

    [SharedStoreFact]
    public async Task Polling_with_the_shared_store_answers_once_and_marks_the_update_done_in_postgres()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var bot = await BotRunner.StartAsync(api, extra: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connection,
        });
        try
        {
            api.Text(502, 7, "من التقى وزير الدفاع السوري في طهران؟");
            await api.WaitUntilAsync(calls => calls.Any(c => c.Method == "sendMessage" && c.Parameters["chat_id"]?.ToString() == "502"));
            await BotRunner.WaitUntilIdleAsync(bot, api);

            Assert.Single(api.Sent(502));
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var done = new NpgsqlCommand("SELECT count(*) FROM telegram_updates WHERE done_at IS NOT NULL AND replied_at IS NOT NULL", db);
            Assert.Equal(1L, await done.ExecuteScalarAsync());
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task Webhook_mode_without_the_shared_store_or_without_a_secret_is_refused_naming_the_keys()
    {
        await using var api = new FakeBotApi();
        var noStore = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => BotRunner.StartAsync(api,
            extra: new Dictionary<string, string?>
            {
                ["Telegram:Mode"] = "Webhook",
                ["Telegram:WebhookUrl"] = "https://bot.example/telegram/hook",
                ["Telegram:WebhookSecret"] = Secret,
            }));
        Assert.Contains("Storage:Provider=Postgres", noStore.Message);

        var noSecret = new Bot.Telegram.TelegramOptionsValidator().Validate(null, new Bot.Telegram.TelegramOptions
        {
            BotToken = FakeBotApi.Token, Mode = Bot.Telegram.TelegramMode.Webhook, WebhookUrl = "https://bot.example/telegram/hook",
        });
        Assert.Contains("Telegram:WebhookSecret", noSecret.FailureMessage);
        Assert.Contains("Telegram__WebhookSecret", noSecret.FailureMessage);
    }

    private static async Task<PipelineHost> StartReplicaAsync(FakeBotApi api, string connection)
    {
        var replica = await BotRunner.StartAsync(api, extra: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connection,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example/telegram/hook",
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:WebhookListen"] = "http://127.0.0.1:0",
            ["Telegram:ClaimLeaseSeconds"] = "3",
        });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await Http.GetAsync(Address(replica) + "/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica did not become ready");
            await Task.Delay(50);
        }
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(Address(replica) + "/healthz")).StatusCode);
        return replica;
    }

    private static string Address(PipelineHost replica) => replica.Get<WebhookService>().ListeningOn!;

    private static async Task<HttpStatusCode> DeliverAsync(PipelineHost replica, JsonObject update, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(replica) + "/telegram/hook")
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(WebhookService.SecretHeader, secret);
        }
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<long> CountUpdatesAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM telegram_updates", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
