using Bot.Core.Sources;
using Bot.Telegram.Subscriptions;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Bot.Tests.Subscriptions;

/// <summary>The daily digest as subscribers receive it: once each, at the hour, within Telegram's limits, across restarts.</summary>
public sealed class DigestBroadcastTests(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_thousand_subscribers_get_the_days_digest_once_each_never_more_than_thirty_messages_a_second()
    {
        var clock = new FakeTimeProvider(SubscriptionWorld.BeforeTheHour);
        var bot = await SubscriptionWorld.StartAsync(_api, clock, SubscriptionWorld.WriteCorpus(_temp), _temp.Combine("index"));
        try
        {
            var chats = Enumerable.Range(0, 1000).Select(i => 10_000L + i).ToList();
            await SubscriptionWorld.SubscribeAsync(bot, chats);

            clock.Advance(TimeSpan.FromMinutes(1)); // 20:00 in Riyadh
            await SubscriptionWorld.DriveAsync(clock, bot.Get<BroadcastPacer>(),
                () => 1000 - SubscriptionWorld.SentCount(_api), () => SubscriptionWorld.SentCount(_api) >= 1000);
            Assert.Equal(0, await bot.Get<DigestScheduler>().RunDueAsync(CancellationToken.None));

            var digests = SubscriptionWorld.Digests(_api);
            Assert.Equal(chats, digests.Select(d => long.Parse(d["chat_id"]!.ToString())).Order());
            var text = FakeBotApi.VisibleText(digests[0]["text"]!.ToString(), out _);
            Assert.Contains("موجز 6 أغسطس 2015", text);
            Assert.Contains("مصر تفتتح قناة السويس الجديدة", text);
            Assert.Contains("أسعار النفط تواصل التراجع", text);
            Assert.DoesNotContain("مجلس الوزراء", text); // 5 August: another day
            Assert.Contains("/unsubscribe", text);

            var times = digests.Select(SubscriptionWorld.At).Order().ToList();
            var busiestSecond = Enumerable.Range(0, times.Count).Max(i => times.Skip(i).TakeWhile(t => t < times[i] + 1000).Count());
            Assert.True(busiestSecond <= 30, $"{busiestSecond} messages within one second");
            Assert.True(times[0] >= SubscriptionWorld.BeforeTheHour.AddMinutes(1).ToUnixTimeMilliseconds(), "sent before the hour");
            var span = TimeSpan.FromMilliseconds(times[^1] - times[0]);
            Assert.InRange(span.TotalSeconds, 1000 / 30.0, 60); // ~20 a second: the limit, not far below it
            output.WriteLine($"1,000 digests in {span.TotalSeconds:0.0} s of clock time; busiest second: {busiestSecond} messages");
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_digest_hour_sends_the_rest_and_repeats_no_one()
    {
        var chats = Enumerable.Range(0, 200).Select(i => 20_000L + i).ToList();
        var corpus = SubscriptionWorld.WriteCorpus(_temp);
        var index = _temp.Combine("index");
        var clock = new FakeTimeProvider(SubscriptionWorld.BeforeTheHour);
        var first = await SubscriptionWorld.StartAsync(_api, clock, corpus, index);
        await SubscriptionWorld.SubscribeAsync(first, chats);
        clock.Advance(TimeSpan.FromMinutes(1));
        await SubscriptionWorld.DriveAsync(clock, first.Get<BroadcastPacer>(),
            () => 200 - SubscriptionWorld.SentCount(_api), () => SubscriptionWorld.SentCount(_api) >= 80);
        // A replica that died holding a claim: the last chat is claimed and never sent until the claim expires.
        var item = DigestScheduler.ItemOf(SubscriptionWorld.Day);
        Assert.True(await first.Get<ISubscriptionStore>().TryClaimAsync(chats[^1], item, clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(2), CancellationToken.None));
        await BotRunner.StopAsync(first);
        var beforeRestart = SubscriptionWorld.Digests(_api).Count;
        Assert.InRange(beforeRestart, 80, 199);

        // Down for seven minutes, back at 20:07: the rest of the hour's digests go out.
        var later = new FakeTimeProvider(clock.GetUtcNow().AddMinutes(7));
        var second = await SubscriptionWorld.StartAsync(_api, later, corpus, index);
        try
        {
            await SubscriptionWorld.DriveAsync(later, second.Get<BroadcastPacer>(),
                () => 200 - SubscriptionWorld.SentCount(_api), () => SubscriptionWorld.SentCount(_api) >= 200);
            Assert.Equal(0, await second.Get<DigestScheduler>().RunDueAsync(CancellationToken.None));

            var perChat = SubscriptionWorld.Digests(_api).GroupBy(d => long.Parse(d["chat_id"]!.ToString())).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(chats, perChat.Keys.Order());
            Assert.All(perChat.Values, count => Assert.Equal(1, count));
            Assert.True(SubscriptionWorld.Digests(_api).Skip(beforeRestart).All(d => SubscriptionWorld.At(d) >= later.Start.ToUnixTimeMilliseconds()));
        }
        finally
        {
            await BotRunner.StopAsync(second);
        }
    }

    [Fact]
    public async Task Before_the_hour_nothing_is_sent_and_a_chat_in_another_time_zone_waits_for_its_own_hour()
    {
        var clock = new FakeTimeProvider(SubscriptionWorld.BeforeTheHour);
        var bot = await SubscriptionWorld.StartAsync(_api, clock, SubscriptionWorld.WriteCorpus(_temp), _temp.Combine("index"),
            replace: services => services.Replace(ServiceDescriptor.Singleton<IFeedPollingLeader, NeverLeader>()));
        try
        {
            var store = bot.Get<ISubscriptionStore>();
            await store.AddAsync(new Subscription(31, string.Empty, "Asia/Riyadh", false), CancellationToken.None);
            await store.AddAsync(new Subscription(32, string.Empty, "Africa/Cairo", false), CancellationToken.None); // an hour behind in August 2015
            var scheduler = bot.Get<DigestScheduler>();

            Assert.Equal(0, await scheduler.RunDueAsync(CancellationToken.None)); // 19:59 in Riyadh
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, await scheduler.RunDueAsync(CancellationToken.None)); // 20:00 in Riyadh, 19:00 in Cairo
            Assert.Single(_api.Sent(31));
            Assert.Empty(_api.Sent(32));
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(1, await scheduler.RunDueAsync(CancellationToken.None));
            Assert.Single(_api.Sent(32));
            Assert.Single(_api.Sent(31));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_loses_its_subscriptions_instead_of_being_tried_every_day()
    {
        var clock = new FakeTimeProvider(SubscriptionWorld.BeforeTheHour.AddMinutes(1));
        var bot = await SubscriptionWorld.StartAsync(_api, clock, SubscriptionWorld.WriteCorpus(_temp), _temp.Combine("index"),
            replace: services => services.Replace(ServiceDescriptor.Singleton<IFeedPollingLeader, NeverLeader>()));
        try
        {
            var store = bot.Get<ISubscriptionStore>();
            await store.AddAsync(new Subscription(41, string.Empty, "Asia/Riyadh", false), CancellationToken.None);
            await store.AddAsync(new Subscription(41, "قناة السويس", "Asia/Riyadh", false), CancellationToken.None);
            _api.FailNext("sendMessage", 403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""");

            Assert.Equal(0, await bot.Get<DigestScheduler>().RunDueAsync(CancellationToken.None));

            Assert.Single(_api.Sent(41)); // the one attempt
            Assert.Empty(await store.OfChatAsync(41, CancellationToken.None));
            Assert.Empty(await store.DigestsDueAsync("Asia/Riyadh", DigestScheduler.ItemOf(SubscriptionWorld.Day), clock.GetUtcNow(), CancellationToken.None));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _temp.Dispose();
    }
}

/// <summary>A replica that never holds the turn: its own digest loop stays quiet and the test calls the passes itself.</summary>
internal sealed class NeverLeader : IFeedPollingLeader
{
    public Task<bool> HoldsAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>A replica that always believes it holds the turn: two of them both send, and only the claims keep a digest single.</summary>
internal sealed class AlwaysLeader : IFeedPollingLeader
{
    public Task<bool> HoldsAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
