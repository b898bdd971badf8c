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

    [SharedStoreFact]
    public async Task Two_replica_processes_configured_by_ASPNETCORE_URLS_alone_each_answer_the_update_delivered_to_it()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        using var work = new TempFolder();
        var replicas = new List<(System.Diagnostics.Process Process, string Address, Task<string> Log)>();
        try
        {
            for (var i = 1; i <= 2; i++)
            {
                var address = $"http://127.0.0.1:{FreePort()}";
                var process = BotProcess.Start([], new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = address, // no Telegram:WebhookListen: its default port 8080 would be one for both
                    ["Telegram__BotToken"] = FakeBotApi.Token,
                    ["Telegram__ApiBaseUrl"] = api.BaseUrl,
                    ["Telegram__Mode"] = "Webhook",
                    ["Telegram__WebhookUrl"] = "https://bot.example/telegram/hook",
                    ["Telegram__WebhookSecret"] = Secret,
                    ["Storage__Provider"] = "Postgres",
                    ["ConnectionStrings__Postgres"] = connection,
                    ["Corpus__Path"] = RepoPaths.Seeds,
                    ["Index__Path"] = work.Combine($"index{i}"),
                });
                _ = process.StandardOutput.ReadToEndAsync();
                replicas.Add((process, address, process.StandardError.ReadToEndAsync())); // read, so a full pipe never blocks it
            }
            foreach (var (process, address, log) in replicas)
            {
                await WaitReadyAsync(address, process, log);
            }

            api.Text(510, 7, "من التقى وزير الدفاع السوري في طهران؟");
            api.Text(511, 8, "من التقى وزير الدفاع السوري في طهران؟");
            var updates = api.TakeQueued();
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(replicas[0].Address, updates[0], Secret));
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(replicas[1].Address, updates[1], Secret));

            await api.WaitUntilAsync(_ => api.Sent(510).Count == 1 && api.Sent(511).Count == 1, seconds: 30);
            Assert.Contains("طهران", api.Sent(510)[0]["text"]!.ToString());
            var health = JsonNode.Parse(await Http.GetStringAsync(replicas[1].Address + "/health"))!;
            Assert.Equal("Healthy", health["checks"]!["webhook"]!["status"]!.ToString());
            Assert.Equal("Healthy", health["checks"]!["postgres"]!["status"]!.ToString());
        }
        finally
        {
            foreach (var (process, _, _) in replicas)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
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

    private static string Address(PipelineHost replica) => replica.Address;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReadyAsync(string address, System.Diagnostics.Process process, Task<string> log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "the replica stopped: " + (process.HasExited ? await log : string.Empty));
            try
            {
                if ((await Http.GetAsync(address + "/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "the replica did not become ready on " + address);
            await Task.Delay(100);
        }
    }

    private static Task<HttpStatusCode> DeliverAsync(PipelineHost replica, JsonObject update, string? secret) =>
        DeliverAsync(Address(replica), update, secret);

    private static async Task<HttpStatusCode> DeliverAsync(string address, JsonObject update, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address + "/telegram/hook")
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(WebhookEndpoint.SecretHeader, secret);
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
