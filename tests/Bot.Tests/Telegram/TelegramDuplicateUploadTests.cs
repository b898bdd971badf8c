using Bot.Core.Search;
using Bot.Core.State.Postgres;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>
/// Issue 19, defect 3: a file whose text is already archived under another name used to be indexed a second time
/// (folder storage) or silently dropped with «✅ أُضيفت» (PostgreSQL). Both now say politely that it is already there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TelegramDuplicateUploadTests(PostgresFixture cluster) : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task With_the_folder_store_an_already_archived_text_under_a_new_name_is_not_added_and_the_admin_is_told()
    {
        await UploadACopyOfASeedAsync(extra: null);
    }

    [SharedStoreFact]
    public async Task With_postgres_an_already_archived_text_under_a_new_name_is_not_added_and_the_admin_is_told()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await UploadACopyOfASeedAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connection,
        });
    }

    private async Task UploadACopyOfASeedAsync(Dictionary<string, string?>? extra)
    {
        var corpus = _temp.Combine("articles");
        Directory.CreateDirectory(corpus);
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));
        }
        var seedFile = Directory.GetFiles(RepoPaths.Seeds).Order().First();
        var bot = await BotRunner.StartAsync(_api, corpus: corpus, indexPath: _temp.Combine("index"), extra: extra,
            configure: (services, configuration) => services.AddArticleFeed(configuration));
        try
        {
            var before = await bot.Get<IArticleCatalog>().CountAsync(CancellationToken.None);

            _api.Document(BotRunner.Admin, BotRunner.Admin, "copy-of-the-visit.txt", await File.ReadAllBytesAsync(seedFile));
            await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 1, seconds: 60);

            var reply = FakeBotApi.VisibleText(Assert.Single(_api.Sent(BotRunner.Admin))["text"]!.ToString(), out _);
            Assert.DoesNotContain("✅", reply);
            Assert.Contains("موجودة في الأرشيف", reply);
            Assert.Contains("وزير دفاع النظام السوري يزور طهران", reply); // the title it is archived under
            Assert.Equal(before, await bot.Get<IArticleCatalog>().CountAsync(CancellationToken.None));
            Assert.Equal(Directory.GetFiles(RepoPaths.Seeds).Length, Directory.GetFiles(corpus, "*", SearchOption.AllDirectories).Length);
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
