using Bot.Core.Conversations;
using Bot.Core.State;
using Bot.Telegram.State;
using Bot.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.State;

/// <summary>Issue #19: one cleanup on a timer deletes expired rows of every store, instead of a purge on every Nth write.</summary>
public sealed class ExpiredStateCleanupTests : IDisposable
{
    private static readonly ConversationKey Sara = new("telegram", 1001, 1001);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.Zero));

    private string File => _folder.Combine("index", EmbeddedStateStore.FileName);

    private long Rows(string table)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Expired_buttons_and_conversations_are_deleted_at_start_and_again_each_interval_while_fresh_ones_stay()
    {
        var state = new EmbeddedStateStore(File);
        var services = new ServiceCollection()
            .AddSingleton<IButtonStore>(new SqliteButtonStore(state, _clock))
            .AddSingleton<IConversationStore>(new SqliteConversationStore(state, _clock))
            .AddExpiringState(typeof(IButtonStore), typeof(IConversationStore), typeof(ISentArticleStore)) // the last is not registered: skipped
            .BuildServiceProvider();
        var buttons = services.GetRequiredService<IButtonStore>();
        var conversations = services.GetRequiredService<IConversationStore>();
        await buttons.SaveAsync([new("old", "ملخص:1")], CancellationToken.None);
        await conversations.AppendAsync(Sara, new ConversationTurn("من التقى وزير الدفاع؟", "باقري.", _clock.GetUtcNow()), CancellationToken.None);
        _clock.Advance(SqliteButtonStore.KeptFor + TimeSpan.FromMinutes(1));
        await buttons.SaveAsync([new("new", "ملخص:2")], CancellationToken.None);
        using var cleanup = new ExpiredStateCleanup(services, services.GetServices<ExpiringStateService>(), _clock, NullLogger<ExpiredStateCleanup>.Instance);

        await cleanup.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => Rows("telegram_buttons") == 1 && Rows("conversation_turns") == 0);
        Assert.Equal("ملخص:2", await buttons.FindAsync("new", CancellationToken.None));

        _clock.Advance(SqliteButtonStore.KeptFor + TimeSpan.FromMinutes(1)); // the timer fires: «new» has expired too
        await WaitUntilAsync(() => Rows("telegram_buttons") == 0);
        await cleanup.StopAsync(CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the expired rows were not deleted");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _folder.Dispose();
}
