using Bot.Telegram.Handling;

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

        var deadline = DateTime.UtcNow.AddSeconds(5); // window 0.2 s + 1 s full + heartbeat; the library alone would wait 10 s more
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
}
