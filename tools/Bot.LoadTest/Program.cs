using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.LoadTest;
using Bot.Tests.Telegram;

// Webhook load test, loopback only: N replicas of the bot behind nginx sharing one PostgreSQL, a fake Telegram that
// delivers the updates through nginx (with re-deliveries of the same update straight to other replicas and through
// the proxy again), one replica killed mid-run. Counts replies at the fake server: every update must be answered
// exactly once. Bounded: at most 10,000 updates and --timeout seconds. Started by deploy/loadtest/run.sh.
var options = Args.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Bot.LoadTest --bot Bot.dll --repo DIR --work DIR --postgres CONN --proxy http://127.0.0.1:PORT "
        + "--ports P1,P2,P3 [--updates 2000] [--chats 200] [--timeout 180] [--kill true|false]");
    return 2;
}

const string Secret = "load-test-secret";
string[] questions =
[
    "من التقى وزير الدفاع السوري في طهران؟", "ما الذي بحثه وزير الدفاع في طهران؟", "متى زار وزير الدفاع طهران؟",
    "من هو رئيس الأركان الإيراني؟", "ماذا جرى في دمشق؟",
];
using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(10) };
await using var telegram = new FakeBotApi(options.Ports.Count);
using var replicas = new Replicas(options.BotDll, options.RepoRoot, options.Work);
for (var i = 0; i < options.Ports.Count; i++)
{
    replicas.Start(options.Ports[i], i + 1, $"http://127.0.0.1:{telegram.Ports[i]}", options.Proxy, Secret, options.Postgres);
}
foreach (var port in options.Ports)
{
    await Replicas.WaitReadyAsync(http, port, TimeSpan.FromSeconds(90));
}
Console.Error.WriteLine($"{options.Ports.Count} replicas ready; delivering {options.Updates} updates from {options.Chats} chats");

var firstDelivery = new long[options.Updates];
var delivered = 0;
var redeliveries = 0;
var killed = -1;
var random = new Random(12);
var started = Stopwatch.GetTimestamp();
using var slots = new SemaphoreSlim(40); // Telegram's default max_connections
var deliveries = new List<Task>();
for (var i = 0; i < options.Updates; i++)
{
    await slots.WaitAsync(overall.Token);
    var n = i;
    var other = options.Ports[random.Next(options.Ports.Count)];
    deliveries.Add(Task.Run(async () =>
    {
        try
        {
            var update = Update(n, options.Chats, questions);
            firstDelivery[n] = Stopwatch.GetTimestamp();
            await DeliverUntilAcceptedAsync(http, options.Proxy + "/telegram/hook", update, overall.Token);
            if (n % 10 == 0)
            {
                // A re-delivery of the same update straight to a replica (maybe another one), as after a lost 200.
                Interlocked.Increment(ref redeliveries);
                await TryDeliverAsync(http, $"http://127.0.0.1:{other}/telegram/hook", update, overall.Token);
            }
            if (n % 25 == 0)
            {
                Interlocked.Increment(ref redeliveries);
                await DeliverUntilAcceptedAsync(http, options.Proxy + "/telegram/hook", update, overall.Token);
            }
            if (Interlocked.Increment(ref delivered) == options.Updates * 2 / 5 && options.Ports.Count > 1 && options.Kill)
            {
                // One replica dies mid-run (SIGKILL: no drain, its claims stay until their lease runs out).
                replicas.Processes[1].Kill(entireProcessTree: true);
                killed = options.Ports[1];
                Console.Error.WriteLine($"killed the replica on port {killed} after {options.Updates * 2 / 5} updates");
            }
        }
        finally
        {
            slots.Release();
        }
    }));
}
await Task.WhenAll(deliveries);
var deliveredAt = Stopwatch.GetElapsedTime(started);
Console.Error.WriteLine($"all delivered in {deliveredAt.TotalSeconds:F1} s; waiting for the answers");

while (telegram.Replies.Count < options.Updates && !overall.IsCancellationRequested)
{
    await Task.Delay(100);
}
var lastAnswer = telegram.FirstReplyAt.Values.DefaultIfEmpty(started).Max();
await Task.Delay(TimeSpan.FromSeconds(2)); // late duplicates would show up here

var ids = Enumerable.Range(0, options.Updates).Select(n => (long)MessageId(n)).ToList();
var once = ids.Count(id => telegram.Replies.GetValueOrDefault(id) == 1);
var twice = ids.Count(id => telegram.Replies.GetValueOrDefault(id) > 1);
var missing = ids.Count(id => !telegram.Replies.ContainsKey(id));
// Which replicas sent the second answers: the killed one (number 2) first, then the one that took the update over?
var twiceWithKilled = ids.Count(id => telegram.Replies.GetValueOrDefault(id) > 1 && telegram.Senders[id].First() == 2);
var latencies = ids.Select((id, n) => telegram.FirstReplyAt.TryGetValue(id, out var at) ? Stopwatch.GetElapsedTime(firstDelivery[n], at).TotalMilliseconds : double.NaN)
    .Where(ms => !double.IsNaN(ms)).Order().ToList();
var seconds = Stopwatch.GetElapsedTime(started, lastAnswer).TotalSeconds;
var report = new JsonObject
{
    ["replicas"] = options.Ports.Count,
    ["updates"] = options.Updates,
    ["chats"] = options.Chats,
    ["redeliveries"] = redeliveries,
    ["killedReplicaPort"] = killed,
    ["answeredExactlyOnce"] = once,
    ["answeredMoreThanOnce"] = twice,
    ["ofWhichFirstAnsweredByTheKilledReplica"] = twiceWithKilled,
    ["notAnswered"] = missing,
    ["seconds"] = Math.Round(seconds, 2),
    ["updatesPerSecond"] = Math.Round(options.Updates / seconds, 1),
    ["p50Ms"] = Math.Round(Percentile(latencies, 0.50)),
    ["p99Ms"] = Math.Round(Percentile(latencies, 0.99)),
    ["maxMs"] = Math.Round(latencies.LastOrDefault()),
};
Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
return once == options.Updates ? 0 : 1;

static JsonObject Update(int n, int chats, string[] questions)
{
    var chat = 10_000 + (n % chats);
    return new JsonObject
    {
        ["update_id"] = 500_000 + n,
        ["message"] = new JsonObject
        {
            ["message_id"] = MessageId(n),
            ["date"] = 1_700_000_000,
            ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private", ["first_name"] = "قارئ" },
            ["from"] = new JsonObject { ["id"] = chat, ["is_bot"] = false, ["first_name"] = "قارئ" },
            ["text"] = questions[n % questions.Length],
        },
    };
}

static int MessageId(int n) => 1 + n;

// Like Telegram: a delivery that fails (connection refused, 5xx from nginx or a replica) is tried again.
static async Task DeliverUntilAcceptedAsync(HttpClient http, string url, JsonObject update, CancellationToken cancellationToken)
{
    var pause = TimeSpan.FromMilliseconds(100);
    while (!await TryDeliverAsync(http, url, update, cancellationToken))
    {
        await Task.Delay(pause, cancellationToken);
        pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 2000));
    }
}

static async Task<bool> TryDeliverAsync(HttpClient http, string url, JsonObject update, CancellationToken cancellationToken)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
    try
    {
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
    {
        return false;
    }
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

namespace Bot.LoadTest
{
    internal sealed record Args(string BotDll, string RepoRoot, string Work, string Postgres, string Proxy, IReadOnlyList<int> Ports, int Updates, int Chats, int TimeoutSeconds, bool Kill)
    {
        public static Args? Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }
            if (!values.TryGetValue("bot", out var bot) || !values.TryGetValue("repo", out var repo) || !values.TryGetValue("work", out var work)
                || !values.TryGetValue("postgres", out var postgres) || !values.TryGetValue("proxy", out var proxy) || !values.TryGetValue("ports", out var ports))
            {
                return null;
            }
            // Loopback only: this test never sends anything to another address.
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out var uri) || uri.Host != "127.0.0.1")
            {
                return null;
            }
            var updates = Math.Clamp(int.Parse(values.GetValueOrDefault("updates", "2000"), CultureInfo.InvariantCulture), 1, 10_000);
            var chats = Math.Clamp(int.Parse(values.GetValueOrDefault("chats", "200"), CultureInfo.InvariantCulture), 1, updates);
            var timeout = Math.Clamp(int.Parse(values.GetValueOrDefault("timeout", "180"), CultureInfo.InvariantCulture), 10, 600);
            return new Args(bot, repo, work, postgres, proxy.TrimEnd('/'),
                ports.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList(), updates, chats, timeout,
                values.GetValueOrDefault("kill", "true") != "false");
        }
    }
}
