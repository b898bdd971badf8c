using System.Text.Json.Nodes;
using Bot.Tests.Summaries;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>/digest over a day of news: ten stories a message, ◀ ▶ in place, each story's sources and summary a press away.</summary>
public sealed class TelegramDigestTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _corpus = new();

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    private static List<(string Text, string Data)> Buttons(JsonObject call) =>
        call["reply_markup"]!["inline_keyboard"]!.AsArray()
            .SelectMany(row => row!.AsArray())
            .Select(b => (b!["text"]!.ToString(), b["callback_data"]!.ToString()))
            .ToList();

    private static List<string> StoryLines(string text) => text.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();

    [Fact]
    public async Task Digest_lists_ten_stories_biggest_first_and_the_next_button_turns_the_page_in_place()
    {
        NewsDay.Write(_corpus.Combine("news.jsonl"));
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Text(Sara, Sara, "/digest");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var digest = Assert.Single(_api.Sent(Sara));
            var text = Text(digest);
            Assert.Contains("أبرز القصص: 6 أغسطس 2015", text);
            var lines = StoryLines(text);
            Assert.Equal(10, lines.Count);
            Assert.StartsWith("1. ", lines[0]);
            Assert.Contains("أباتشي", lines[0]);
            Assert.EndsWith("(4 مصادر)", lines[0]);
            Assert.EndsWith("(3 مصادر)", lines[1]);
            Assert.Equal(10, Buttons(digest).Count(b => b.Text.StartsWith("📰", StringComparison.Ordinal)));
            Assert.Equal(10, Buttons(digest).Count(b => b.Text.StartsWith("📝", StringComparison.Ordinal)));
            var next = Assert.Single(Buttons(digest), b => b.Text.Contains('▶'));

            _api.Press(Sara, Sara, digest["__message_id"]!.GetValue<int>(), next.Data);
            await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "editMessageText"));
            await BotRunner.WaitUntilIdleAsync(bot, _api);

            var edit = _api.Calls.Single(c => c.Method == "editMessageText").Parameters;
            Assert.Equal(digest["__message_id"]!.GetValue<int>(), edit["message_id"]!.GetValue<int>());
            Assert.StartsWith("11.", StoryLines(Text(edit))[0]);
            Assert.Contains(Buttons(edit), b => b.Text.Contains('◀'));
            Assert.DoesNotContain(Buttons(edit), b => b.Text.Contains('▶'));
            Assert.Single(_api.Sent(Sara));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_story_button_lists_its_outlets_titles_and_dates_and_the_other_summarises_it()
    {
        NewsDay.Write(_corpus.Combine("news.jsonl"));
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Text(Sara, Sara, "/digest 2015-08-06");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var digest = _api.Sent(Sara)[0];
            var sources = Buttons(digest).First(b => b.Text.StartsWith("📰 1", StringComparison.Ordinal));
            var summary = Buttons(digest).First(b => b.Text.StartsWith("📝 1", StringComparison.Ordinal));

            _api.Press(Sara, Sara, digest["__message_id"]!.GetValue<int>(), sources.Data);
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            var listed = Text(_api.Sent(Sara)[1]);
            foreach (var outlet in new[] { "الرياض", "عكاظ", "اليوم", "سبق" })
            {
                Assert.Contains($"• {outlet} — هبوط اضطراري لطائرة أباتشي — 6 أغسطس 2015", listed);
            }

            _api.Press(Sara, Sara, digest["__message_id"]!.GetValue<int>(), summary.Data);
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3);
            var summarised = Text(_api.Sent(Sara)[2]);
            Assert.Contains("هبوط اضطراري لطائرة أباتشي", summarised);
            Assert.Contains("[1]", summarised);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_timeline_request_and_an_unknown_period_are_answered_in_Arabic()
    {
        NewsDay.Write(_corpus.Combine("news.jsonl"));
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Text(Sara, Sara, "ما تطورات أسعار النفط؟");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var timeline = Text(_api.Sent(Sara)[0]);
            Assert.Contains("تطورات الموضوع بترتيب التاريخ", timeline);
            Assert.True(timeline.IndexOf("22 يوليو 2015", StringComparison.Ordinal) < timeline.IndexOf("6 أغسطس 2015", StringComparison.Ordinal));

            _api.Text(Sara, Sara, "/digest الشهر الماضي كله");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            Assert.Contains("لم أفهم الفترة", Text(_api.Sent(Sara)[1]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _corpus.Dispose();
    }
}
