using Bot.Core.Conversations;
using Bot.Core.State;
using Bot.Telegram.State;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.State;

/// <summary>The stores in state.db: what survives a reopen, and what expires (time moved with <see cref="FakeTimeProvider"/>).</summary>
public sealed class EmbeddedStateTests : IDisposable
{
    private static readonly ConversationKey Sara = new("telegram", 1001, 1001);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.Zero));

    private EmbeddedStateStore Open() => new(_folder.Combine("index", EmbeddedStateStore.FileName));

    [Fact]
    public async Task A_conversation_keeps_its_last_six_turns_across_a_reopen_and_is_forgotten_after_six_idle_hours()
    {
        var store = new SqliteConversationStore(Open(), _clock);
        for (var i = 1; i <= 8; i++)
        {
            await store.AppendAsync(Sara, new ConversationTurn($"السؤال {i}", $"الجواب {i}", _clock.GetUtcNow()), CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var reopened = new SqliteConversationStore(Open(), _clock);
        var turns = await reopened.GetAsync(Sara, CancellationToken.None);
        Assert.Equal(Enumerable.Range(3, 6).Select(i => $"السؤال {i}"), turns.Select(t => t.Question));
        Assert.Empty(await reopened.GetAsync(Sara with { ChatId = 2002 }, CancellationToken.None));

        _clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        Assert.Empty(await reopened.GetAsync(Sara, CancellationToken.None));
    }

    [Fact]
    public async Task A_button_works_after_a_reopen_and_expires_after_thirty_days()
    {
        var buttons = new SqliteButtonStore(Open(), _clock);
        await buttons.SaveAsync([KeyValuePair.Create("tok1", """{"kind":"summary","articleId":"000"}""")], CancellationToken.None);

        var reopened = new SqliteButtonStore(Open(), _clock);
        Assert.Equal("""{"kind":"summary","articleId":"000"}""", await reopened.FindAsync("tok1", CancellationToken.None));
        Assert.Null(await reopened.FindAsync("tok2", CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(await reopened.FindAsync("tok1", CancellationToken.None));
    }

    [Fact]
    public async Task The_inbox_keeps_received_updates_until_they_are_completed_and_saves_the_offset_with_them()
    {
        var inbox = new SqliteUpdateInbox(Open(), _clock);
        await inbox.AcceptAsync(
        [
            new global::Telegram.Bot.Types.Update { Id = 7, Message = new global::Telegram.Bot.Types.Message { Text = "سؤال" } },
            new global::Telegram.Bot.Types.Update { Id = 9, Message = new global::Telegram.Bot.Types.Message { Text = "سؤال آخر" } },
        ], CancellationToken.None);
        await inbox.CompleteAsync(7, CancellationToken.None);

        var snapshot = await new SqliteUpdateInbox(Open(), _clock).LoadAsync(CancellationToken.None);

        Assert.Equal(9, snapshot.LastReceivedUpdateId);
        Assert.Equal(_clock.GetUtcNow(), snapshot.SavedAt);
        var pending = Assert.Single(snapshot.Pending);
        Assert.Equal(9, pending.Id);
        Assert.Equal("سؤال آخر", pending.Message?.Text);
    }

    public void Dispose() => _folder.Dispose();
}
