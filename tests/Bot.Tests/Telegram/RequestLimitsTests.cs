using System.Diagnostics;
using Bot.Telegram;
using Bot.Telegram.Handling;
using Bot.Telegram.Sending;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Telegram;

/// <summary>Failure mode 5 of issue #11, memory: limiter windows used to grow with every chat ever seen.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task Limits_for_100000_distinct_chats_are_forgotten_once_their_windows_refill()
    {
        using var limits = new RequestLimits(perWindow: 2, window: TimeSpan.FromMilliseconds(200));

        for (long chat = 1; chat <= 100_000; chat++)
        {
            Assert.Equal(RateDecision.Allow, limits.TryAcquire(chat));
        }
        var tracked = limits.TrackedPartitions;

        var deadline = DateTime.UtcNow.AddSeconds(8); // window 0.2 s + 1 s full + heartbeat; the library alone keeps them 10 s more
        while (limits.TrackedPartitions > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(tracked >= 90_000, $"only {tracked} partitions were tracked right after the burst");
        Assert.Equal(0, limits.TrackedPartitions);
    }

    [Fact]
    public void Over_the_limit_a_user_is_warned_once_then_dropped_and_other_users_are_unaffected()
    {
        using var limits = new RequestLimits(perWindow: 2, window: TimeSpan.FromMinutes(1));

        var decisions = Enumerable.Range(0, 5).Select(_ => limits.TryAcquire(7)).ToList();

        Assert.Equal([RateDecision.Allow, RateDecision.Allow, RateDecision.Warn, RateDecision.Drop, RateDecision.Drop], decisions);
        Assert.Equal(RateDecision.Allow, limits.TryAcquire(8));
    }

    [Fact]
    public async Task Outgoing_messages_keep_a_second_apart_in_a_chat_and_a_thousand_chats_are_forgotten_once_idle()
    {
        using var limiter = new OutgoingLimiter(Options.Create(new TelegramOptions { GlobalMessagesPerSecond = 1000 }));
        var watch = Stopwatch.StartNew();

        await limiter.WaitAsync(1, isGroup: false, CancellationToken.None);
        await limiter.WaitAsync(1, isGroup: false, CancellationToken.None);
        var between = watch.Elapsed;
        for (long chat = 2; chat <= 1000; chat++)
        {
            await limiter.WaitAsync(chat, isGroup: false, CancellationToken.None);
        }
        var tracked = limiter.TrackedChats;
        var deadline = DateTime.UtcNow.AddSeconds(8);
        while (limiter.TrackedChats > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.InRange(between, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.True(tracked >= 900, $"only {tracked} chats were tracked right after the burst");
        Assert.Equal(0, limiter.TrackedChats);
    }
}
