using System.Text;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>Failure mode 6 of issue #11: sending x.txt again with new content stored x-2.txt but named the old article.</summary>
public sealed class TelegramUploadTests : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _corpus = new();

    [Fact]
    public async Task Sending_the_same_file_name_again_with_new_content_names_the_new_article()
    {
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _corpus.Combine(Path.GetFileName(seed)));
        }
        var bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
        try
        {
            _api.Document(BotRunner.Admin, BotRunner.Admin, "news.txt",
                Encoding.UTF8.GetBytes("افتتاح سد جديد في الموصل\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل."));
            await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 1, seconds: 60);
            _api.Document(BotRunner.Admin, BotRunner.Admin, "news.txt",
                Encoding.UTF8.GetBytes("مهرجان الكتاب في بغداد\n\nانطلق مهرجان الكتاب السنوي في بغداد بمشاركة مئات دور النشر العربية."));
            await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 2, seconds: 60);

            var replies = _api.Sent(BotRunner.Admin).Select(m => FakeBotApi.VisibleText(m["text"]!.ToString(), out _)).ToList();
            Assert.Contains("افتتاح سد جديد في الموصل", replies[0]);
            Assert.Contains("مهرجان الكتاب في بغداد", replies[1]);
            Assert.DoesNotContain("الموصل", replies[1]);
            Assert.Contains("4", replies[1]);
            Assert.True(File.Exists(_corpus.Combine("news-2.json")));
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
