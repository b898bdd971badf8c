using Bot.Core.Corpus;
using Bot.Core.Subscriptions;
using Bot.Telegram.Subscriptions;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Subscriptions;

/// <summary>«/subscribe كلمات»: a new article on the topic reaches the chat at once, from a followed channel too.</summary>
public sealed class KeywordAlertTests : IAsyncDisposable
{
    private const long Sara = 4001;
    private const long Omar = 4002;
    private const long Channel = -1001234567890;
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("الحوثيين", "تقدم قوات الشرعية على الحوثي في عدن", true)]
    [InlineData("قناة السويس", "مصر تفتتح قناة السويس الجديدة", true)]
    [InlineData("قناة السويس", "مصر تفتتح ميناء جديدا على البحر الأحمر", false)]
    [InlineData("أسعار النفط", "تراجع أسعار الذهب في الأسواق", false)]
    public void An_article_matches_when_it_holds_every_word_in_any_form(string keywords, string title, bool matches)
    {
        var article = new Article("a", title, new DateOnly(2015, 8, 6), null, null, ["نص الخبر كما نشر."], []);
        Assert.Equal(matches, KeywordFilter.Parse(keywords)!.Matches(KeywordFilter.WordsOf(article)));
    }

    [Fact]
    public async Task A_channel_post_on_the_topic_is_sent_to_its_subscribers_at_once_and_its_edit_is_not_sent_again()
    {
        // The post's own date (9 October 2025) is today on this clock: news, not an old link.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(FakeBotApi.PostDate).AddHours(1));
        var bot = await SubscriptionWorld.StartAsync(_api, clock, SubscriptionWorld.WriteCorpus(_temp), _temp.Combine("index"),
            new Dictionary<string, string?> { ["Telegram:SourceChannelIds:0"] = Channel.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            var store = bot.Get<ISubscriptionStore>();
            await store.AddAsync(new Subscription(Sara, "قناة السويس", "Asia/Riyadh", false), CancellationToken.None);
            await store.AddAsync(new Subscription(Sara, "السويس", "Asia/Riyadh", false), CancellationToken.None);
            await store.AddAsync(new Subscription(Omar, "أسعار النفط", "Asia/Riyadh", false), CancellationToken.None);

            var post = _api.ChannelPost(Channel, "news_example",
                "عبور أول سفينة في قناة السويس الجديدة\nعبرت أول سفينة حاويات قناة السويس الجديدة صباح اليوم بعد عام من الحفر.");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);

            var alert = FakeBotApi.VisibleText(_api.Sent(Sara)[0]["text"]!.ToString(), out var error);
            Assert.Null(error);
            Assert.Contains("🔔", alert);
            Assert.Contains("عبور أول سفينة في قناة السويس الجديدة", alert);
            Assert.Contains("حاويات", alert);
            Assert.Contains($"https://t.me/news_example/{post}", _api.Sent(Sara)[0]["text"]!.ToString());

            // An edit replaces the article and a post on another topic matches no one; the post on oil that follows
            // them is alerted after both were looked at (one article at a time, in order).
            _api.EditedChannelPost(Channel, "news_example", post, "عبور أول سفينة في قناة السويس الجديدة\nعبرت أول سفينة حاويات القناة الجديدة فجر اليوم.");
            _api.ChannelPost(Channel, "news_example", "افتتاح معرض للكتاب في الرياض\nافتتح معرض الرياض الدولي للكتاب أبوابه للزوار.");
            _api.ChannelPost(Channel, "news_example", "أسعار النفط تهبط إلى أدنى مستوى\nهبطت أسعار النفط اليوم إلى أدنى مستوى في ستة أشهر.");
            await WaitMovingTheClockAsync(clock, () => _api.Sent(Omar).Count >= 1);

            Assert.Single(_api.Sent(Sara));
            Assert.Contains("أسعار النفط تهبط", FakeBotApi.VisibleText(_api.Sent(Omar)[0]["text"]!.ToString(), out _));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task An_old_article_added_today_is_not_news_and_alerts_no_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var bot = await SubscriptionWorld.StartAsync(_api, clock, SubscriptionWorld.WriteCorpus(_temp), _temp.Combine("index"));
        try
        {
            await bot.Get<ISubscriptionStore>().AddAsync(new Subscription(Sara, "قناة السويس", "Asia/Riyadh", false), CancellationToken.None);
            var alerts = bot.Get<KeywordAlertService>();
            var old = new Article("suez-2015", "مصر تفتتح قناة السويس الجديدة", new DateOnly(2015, 8, 6), null, null, ["افتتحت مصر قناة السويس الجديدة."], []);
            var fresh = old with { Id = "suez-2026", Date = new DateOnly(2026, 12, 4) };

            Assert.Equal(0, await alerts.AlertAsync(old, CancellationToken.None));
            Assert.Equal(1, await alerts.AlertAsync(fresh, CancellationToken.None));
            Assert.Equal(0, await alerts.AlertAsync(fresh, CancellationToken.None)); // once per chat and article
            Assert.Single(_api.Sent(Sara));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    /// <summary>The pacer waits on the fake clock: move it in small steps until the condition holds.</summary>
    private static async Task WaitMovingTheClockAsync(FakeTimeProvider clock, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The alert did not arrive.");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _temp.Dispose();
    }
}
