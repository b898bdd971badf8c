using Bot.Telegram.Subscriptions;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Subscriptions;

/// <summary>/subscribe, /unsubscribe and /subscriptions as a user sees them, and what they leave in the store.</summary>
public sealed class SubscriptionCommandTests : IAsyncDisposable
{
    private const long Sara = 3001;
    private readonly FakeBotApi _api = new();

    [Fact]
    public async Task Subscribing_listing_and_unsubscribing_answer_in_arabic_and_keep_the_chats_subscriptions()
    {
        var bot = await BotRunner.StartAsync(_api);
        try
        {
            var digest = await AskAsync("/subscribe");
            Assert.Contains("اشتركتَ في الموجز اليومي", digest);
            Assert.Contains("الساعة 20:00 بتوقيت الرياض", digest);
            Assert.Contains("أنت مشترك في الموجز اليومي من قبل", await AskAsync("/subscribe"));

            Assert.Contains("سأرسل إليك كل خبر جديد عن «قناة السويس الجديدة» فور نشره", await AskAsync("/subscribe قناة السويس الجديدة"));
            // The same words spelled with ه for ة and extra spaces are the same subscription.
            Assert.Contains("أنت مشترك في أخبار «قناة السويس الجديدة» من قبل", await AskAsync("/subscribe  قناة   السويس الجديده"));

            var list = await AskAsync("/subscriptions");
            Assert.Contains("اشتراكاتك:", list);
            Assert.Contains("• الموجز اليومي — الساعة 20:00 بتوقيت الرياض", list);
            Assert.Contains("• أخبار «قناة السويس الجديدة» فور نشرها", list);

            Assert.Contains("تم إلغاء اشتراكك في الموجز اليومي", await AskAsync("/unsubscribe الموجز"));
            var unknown = await AskAsync("/unsubscribe أسعار النفط");
            Assert.Contains("لست مشتركًا في «أسعار النفط»", unknown);
            Assert.Contains("• أخبار «قناة السويس الجديدة» فور نشرها", unknown);
            Assert.DoesNotContain("الموجز اليومي —", unknown);

            Assert.Contains("تم إلغاء اشتراكاتك كلها (1)", await AskAsync("/unsubscribe"));
            Assert.Empty(await bot.Get<ISubscriptionStore>().OfChatAsync(Sara, CancellationToken.None));
            Assert.Contains("لا اشتراكات لديك", await AskAsync("/subscriptions"));
            Assert.Contains("لست مشتركًا في شيء", await AskAsync("/unsubscribe"));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task Words_without_meaning_too_many_subscriptions_and_another_time_zone_get_their_own_replies()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Subscriptions:MaxKeywordsPerChat"] = "2" });
        try
        {
            Assert.Contains("اكتب كلمات ذات معنى بعد الأمر", await AskAsync("/subscribe في على من"));
            Assert.Contains("طويلة جدًا", await AskAsync("/subscribe " + string.Join(' ', Enumerable.Repeat("السعودية", 20))));
            await AskAsync("/subscribe أسعار النفط");
            await AskAsync("/subscribe الحوثيين");
            var refused = await AskAsync("/subscribe قناة السويس");
            Assert.Contains("بلغتَ الحد الأقصى (2 اشتراكات بالكلمات)", refused);
            Assert.Contains("بتوقيت القاهرة", await AskAsync("/subscribe Africa/Cairo"));

            var stored = await bot.Get<ISubscriptionStore>().OfChatAsync(Sara, CancellationToken.None);
            Assert.Equal(["", "أسعار النفط", "الحوثيين"], stored.Select(s => s.Keywords).Order());
            Assert.Equal("Africa/Cairo", stored.Single(s => s.IsDigest).TimeZone);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Theory]
    [InlineData("Digest:Hour", "24", "Digest:Hour must be between 0 and 23")]
    [InlineData("Digest:TimeZone", "Mars/Olympus", "Digest:TimeZone «Mars/Olympus» is not a time zone")]
    [InlineData("Subscriptions:MessagesPerSecond", "31", "Subscriptions:MessagesPerSecond must be between 1 and 30")]
    public async Task A_bad_subscription_setting_stops_the_start_with_its_reason(string key, string value, string reason)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(reason, failure.Message);
    }

    /// <summary>Sends one command and waits for its reply (one at a time, so replies come in order).</summary>
    private async Task<string> AskAsync(string text)
    {
        var before = _api.Sent(Sara).Count;
        _api.Text(Sara, Sara, text);
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count > before);
        return FakeBotApi.VisibleText(_api.Sent(Sara)[before]["text"]!.ToString(), out _);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
