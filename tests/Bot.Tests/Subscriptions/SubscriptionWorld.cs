using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Telegram.Subscriptions;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Subscriptions;

/// <summary>
/// What the subscription tests share: a small archive whose newest day is 6 August 2015, a bot on a fake clock,
/// and a driver that moves the clock one pacing step at a time once every sender is waiting for its slot (so each
/// message reaches the fake Bot API at the clock time of its slot, whatever the machine's speed).
/// </summary>
internal static class SubscriptionWorld
{
    public static readonly DateOnly Day = new(2015, 8, 6);

    /// <summary>19:59 in Riyadh on the archive's newest day: one minute before the default digest hour (20).</summary>
    public static readonly DateTimeOffset BeforeTheHour = new(2015, 8, 6, 16, 59, 0, TimeSpan.Zero);

    public static readonly (string Id, string Title, string Date)[] Articles =
    [
        ("suez-1", "مصر تفتتح قناة السويس الجديدة بحضور قادة العالم", "2015-08-06"),
        ("apache-1", "هبوط اضطراري لمروحية أباتشي في منطقة جازان", "2015-08-06"),
        ("oil-1", "أسعار النفط تواصل التراجع في الأسواق العالمية", "2015-08-06"),
        ("old-1", "مجلس الوزراء يعقد جلسته الأسبوعية في جدة", "2015-08-05"),
    ];

    /// <summary>A folder with one JSONL archive of <see cref="Articles"/>.</summary>
    public static string WriteCorpus(TempFolder temp, string name = "articles")
    {
        var folder = temp.Combine(name);
        Directory.CreateDirectory(folder);
        var lines = Articles.Select(a => JsonSerializer.Serialize(new
        {
            id = a.Id,
            title = a.Title,
            date = a.Date,
            source = "صحيفة المثال",
            url = $"https://news.example.com/{a.Id}",
            // Each its own story: no wording shared between them, or the digest would group them into one.
            text = $"{a.Title}. وتابعت وسائل الإعلام خبر «{a.Title}» منذ الصباح.",
        }));
        File.WriteAllText(Path.Combine(folder, "archive.jsonl"), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return folder;
    }

    /// <summary>The bot on <paramref name="clock"/>; the real-time outgoing limit raised so only the clock paces it.</summary>
    public static Task<PipelineHost> StartAsync(
        FakeBotApi api, FakeTimeProvider clock, string corpus, string index, IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? replace = null)
    {
        api.Clock = clock;
        var settings = new Dictionary<string, string?> { ["Telegram:GlobalMessagesPerSecond"] = "1000" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return BotRunner.StartAsync(api, indexPath: index, corpus: corpus, extra: settings, replace: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            replace?.Invoke(services);
        });
    }

    public static async Task SubscribeAsync(PipelineHost bot, IEnumerable<long> chats)
    {
        var store = bot.Get<ISubscriptionStore>();
        foreach (var chat in chats)
        {
            await store.AddAsync(new Subscription(chat, string.Empty, "Asia/Riyadh", IsGroup: false), CancellationToken.None);
        }
    }

    /// <summary>Messages sent so far (cheap: the digest tests send nothing else), for the driver's loop.</summary>
    public static int SentCount(FakeBotApi api) => api.Calls.Count(c => c.Method == "sendMessage");

    public static IReadOnlyList<JsonObject> Digests(FakeBotApi api) =>
        api.Calls.Where(c => c.Method == "sendMessage" && c.Parameters["text"]!.ToString().Contains("📰")).Select(c => c.Parameters).ToList();

    /// <summary>
    /// Moves the clock one pacing step at a time until <paramref name="until"/> holds. Before each step it waits
    /// (real time, bounded) until every sender still busy waits for its slot: nothing is then in flight.
    /// </summary>
    public static async Task DriveAsync(FakeTimeProvider clock, BroadcastPacer pacer, Func<int> remaining, Func<bool> until, int senders = 8)
    {
        var step = TimeSpan.FromMilliseconds(50);
        var stepsLeft = 20_000;
        while (!until())
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (pacer.Waiting < Math.Min(senders, remaining()) && !until())
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The senders did not settle: {pacer.Waiting} waiting, {remaining()} to send.");
                }
                await Task.Delay(1);
            }
            if (until())
            {
                return;
            }
            Assert.True(--stepsLeft > 0, "The broadcast did not finish within the steps allowed.");
            clock.Advance(step);
        }
    }

    public static long At(JsonObject call) => call["__at"]!.GetValue<long>();
}
