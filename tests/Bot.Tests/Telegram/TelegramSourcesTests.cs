using System.Text.Json.Nodes;
using Bot.Core.Search;
using Bot.Tests.Sources;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

public sealed class TelegramSourcesTests : IAsyncDisposable
{
    private const long Channel = -1001234567890;
    private const long OtherChannel = -1009999999999;

    private readonly FakeBotApi _api = new();
    private readonly NewsSite _site = new();
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public TelegramSourcesTests()
    {
        _corpus = _temp.Combine("corpus");
        Directory.CreateDirectory(_corpus);
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, Path.Combine(_corpus, Path.GetFileName(seed)));
        }
    }

    private Task<PipelineHost> StartAsync() => BotRunner.StartAsync(_api, corpus: _corpus, extra: new Dictionary<string, string?>
    {
        ["Telegram:SourceChannelIds:0"] = Channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sources:AllowPrivateNetworks"] = "true",
        ["Sources:TimeoutSeconds"] = "2",
    });

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, int seconds = 20) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected article did not appear.");
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Posts_in_a_followed_channel_become_articles_and_an_edit_updates_the_article()
    {
        var bot = await StartAsync();
        try
        {
            var catalog = bot.Get<IArticleCatalog>();
            var id = _api.ChannelPost(Channel, "news_channel",
                "عاجل: افتتاح جسر الملك فهد الجديد للمشاة\nافتتح صباح اليوم جسر جديد للمشاة يربط ضفتي الوادي بطول ثلاثمئة متر.");
            _api.ChannelPost(Channel, "news_channel", caption: "صورة من حفل توزيع جوائز الصحافة العربية في بيروت مساء أمس، وفاز بالجائزة الأولى تحقيق عن المياه.");
            _api.ChannelPost(OtherChannel, "other_channel", "خبر من قناة لا يتابعها البوت عن سباق الهجن في العلا.");

            var articleId = $"tg-{Math.Abs(Channel)}-{id}";
            var article = await EventuallyAsync(() => catalog.GetAsync(articleId, CancellationToken.None));
            Assert.Equal("عاجل: افتتاح جسر الملك فهد الجديد للمشاة", article.Title);
            Assert.Equal($"https://t.me/news_channel/{id}", article.Url);
            Assert.Equal(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(FakeBotApi.PostDate).UtcDateTime), article.Date);
            Assert.Contains("ثلاثمئة متر", string.Join(" ", article.Paragraphs));
            await BotRunner.WaitUntilIdleAsync(bot, _api); // every post received and handled
            var titles = (await catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items.Select(a => a.Title).ToList();
            Assert.Contains(titles, t => t.StartsWith("صورة من حفل توزيع جوائز الصحافة العربية", StringComparison.Ordinal));
            Assert.DoesNotContain(titles, t => t.Contains("سباق الهجن"));

            _api.EditedChannelPost(Channel, "news_channel", id,
                "عاجل: افتتاح جسر الملك فهد الجديد للمشاة\nافتتح صباح اليوم جسر جديد للمشاة يربط ضفتي الوادي بطول أربعمئة متر.");
            var edited = await EventuallyAsync(async () =>
                await catalog.GetAsync(articleId, CancellationToken.None) is { } a && string.Join(" ", a.Paragraphs).Contains("أربعمئة متر") ? a : null);
            Assert.DoesNotContain("ثلاثمئة متر", string.Join(" ", edited.Paragraphs));
            Assert.Single((await catalog.PageAsync(new Bot.Core.Search.ArticleListQuery(1, 100), CancellationToken.None)).Items, a => a.Id == articleId);
            Assert.DoesNotContain(_api.Calls, c => c.Method == "sendMessage"); // the bot never writes in a channel
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task An_admin_sends_a_link_and_gets_the_title_date_and_count_then_already_present_the_second_time()
    {
        var bot = await StartAsync();
        try
        {
            var before = await bot.Get<IArticleCatalog>().CountAsync(CancellationToken.None);
            _api.Text(BotRunner.Admin, BotRunner.Admin, _site.Url("/news/poetry-festival"));
            await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 1, seconds: 30);
            _api.Text(BotRunner.Admin, BotRunner.Admin, "/add " + _site.Url("/news/poetry-festival"));
            await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 2, seconds: 30);

            var replies = _api.Sent(BotRunner.Admin).Select(Text).ToList();
            Assert.Contains(NewsContent.PoetryTitle, replies[0]);
            Assert.Contains($"عدد المقالات الآن: {before + 1}", replies[0]);
            Assert.Contains("(13 أكتوبر 2025)", replies[0]);
            Assert.StartsWith("هذه المقالة موجودة مسبقًا", replies[1]);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_link_from_someone_who_is_not_an_admin_is_politely_refused_and_not_fetched()
    {
        var bot = await StartAsync();
        try
        {
            _api.Text(7001, 7001, _site.Url("/news/poetry-festival"));
            _api.Text(7001, 7001, "/add " + _site.Url("/news/poetry-festival"));
            await _api.WaitUntilAsync(_ => _api.Sent(7001).Count >= 2, seconds: 30);

            Assert.All(_api.Sent(7001), call => Assert.Contains("للمشرفين فقط", Text(call)));
            Assert.Empty(_site.Requests);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _site.DisposeAsync();
        _temp.Dispose();
    }
}
