using System.Text.Json.Nodes;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>/articles and /summary over an archive: one message of ten titles whose ◀ ▶ buttons turn the page in place.</summary>
public sealed class TelegramArticleListTests : IAsyncDisposable
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

    /// <summary>The numbered title lines of a list message.</summary>
    private static List<string> TitleLines(string text) => text.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();

    [Fact]
    public async Task Articles_shows_one_page_and_the_next_button_edits_the_same_message_to_the_next_page()
    {
        SyntheticArchive.Write(_corpus.Combine("archive.jsonl"), 25);
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Text(Sara, Sara, "/articles");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var list = Assert.Single(_api.Sent(Sara));
            var text = Text(list);
            Assert.Contains("المقالات (25)", text);
            Assert.Contains("الصفحة 1 من 3", text);
            Assert.Equal(10, Buttons(list).Count(b => b.Text.StartsWith("📝", StringComparison.Ordinal)));
            var next = Assert.Single(Buttons(list), b => b.Text.Contains('▶'));

            _api.Press(Sara, Sara, list["__message_id"]!.GetValue<int>(), next.Data);
            await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "editMessageText"));
            await BotRunner.WaitUntilIdleAsync(bot, _api);

            var edit = _api.Calls.Single(c => c.Method == "editMessageText").Parameters;
            Assert.Equal(list["__message_id"]!.GetValue<int>(), edit["message_id"]!.GetValue<int>());
            Assert.Contains("الصفحة 2 من 3", Text(edit));
            Assert.StartsWith("11.", TitleLines(Text(edit))[0]);
            Assert.Contains(Buttons(edit), b => b.Text.Contains('◀'));
            Assert.Single(_api.Sent(Sara)); // turned in place, nothing new sent
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task Articles_with_words_lists_only_matching_titles_and_summary_without_an_article_shows_the_first_page()
    {
        SyntheticArchive.Write(_corpus.Combine("archive.jsonl"), 25);
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Text(Sara, Sara, "/articles جدة");
            _api.Text(Sara, Sara, "/summary");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);

            var filtered = Text(_api.Sent(Sara)[0]);
            Assert.Contains("«جدة»", filtered);
            var titles = TitleLines(filtered);
            Assert.NotEmpty(titles);
            Assert.All(titles, t => Assert.Contains("جدة", t));

            var digest = Text(_api.Sent(Sara)[1]);
            Assert.Contains("المقالات (25)", digest);
            Assert.Equal(10, TitleLines(digest).Count);
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
