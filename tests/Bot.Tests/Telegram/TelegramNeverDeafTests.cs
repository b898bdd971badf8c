using Bot.Core.Answering;
using Bot.Telegram.Hosting;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Tests.Telegram;

/// <summary>
/// Failure modes 1 and 7 of issue #11: one slow answer used to make the bot deaf (getUpdates returned the same 100
/// updates behind it), and a restart or SIGTERM in the middle of a busy minute must neither lose nor repeat an update.
/// </summary>
public sealed class TelegramNeverDeafTests : IAsyncDisposable
{
    private const long Slow = 900;
    private const int OtherChats = 100;

    private static readonly string[] Questions =
    [
        "من التقى وزير الدفاع السوري في طهران؟",
        "ما الصواريخ التي ستكون بحوزة الجيش السوري؟",
        "كم عدوانا إسرائيليا شهد تشرين الثاني؟",
    ];

    private readonly FakeBotApi _api = new();
    private readonly TempFolder _state = new();

    /// <summary>Fast sending for 300 answers in a test (Telegram allows more than 30/s only for paid broadcasts).</summary>
    private static readonly Dictionary<string, string?> FastSending = new() { ["Telegram:GlobalMessagesPerSecond"] = "1000" };

    /// <summary>The bot's replies in a chat, as the ids of the messages they answer.</summary>
    private List<int> RepliesIn(long chat) =>
        _api.Sent(chat).Select(m => m["reply_parameters"]?["message_id"]?.GetValue<int>() ?? 0).ToList();

    private List<(long Chat, int Message)> AskOtherChats(int perChat)
    {
        var asked = new List<(long, int)>();
        for (var round = 0; round < perChat; round++)
        {
            for (var i = 0; i < OtherChats; i++)
            {
                var chat = 5000 + i;
                asked.Add((chat, _api.Text(chat, chat, Questions[round % Questions.Length])));
            }
        }
        return asked;
    }

    [Fact]
    public async Task One_very_slow_answer_does_not_keep_300_updates_from_100_other_chats_waiting()
    {
        var slow = new SlowModel();
        var bot = await BotRunner.StartAsync(_api, extra: FastSending, replace: slow.Install);
        try
        {
            var slowQuestion = _api.Text(Slow, Slow, GatedAnswerer.Marker + " " + Questions[0]);
            await slow.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

            var asked = AskOtherChats(perChat: 3);

            // Every other chat is answered while the slow answer is still being written.
            await _api.WaitUntilAsync(_ => asked.All(a => RepliesIn(a.Chat).Contains(a.Message)), seconds: 60);
            Assert.False(slow.Gate.IsOpen);
            Assert.Empty(_api.Sent(Slow));
            foreach (var chat in asked.Select(a => a.Chat).Distinct())
            {
                // Each chat in order, each question answered once.
                Assert.Equal(asked.Where(a => a.Chat == chat).Select(a => a.Message).ToList(), RepliesIn(chat));
            }

            slow.Gate.Open();
            await _api.WaitUntilAsync(_ => RepliesIn(Slow).Contains(slowQuestion), seconds: 30);
            Assert.Contains("باقري", FakeBotApi.VisibleText(_api.Sent(Slow)[0]["text"]!.ToString(), out _));
            Assert.Empty(_api.Rejections);
        }
        finally
        {
            slow.Gate.Open();
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_busy_minute_loses_and_repeats_no_update_and_finishes_the_running_answer()
    {
        var index = _state.Combine("index");
        var slow = new SlowModel();
        var first = await BotRunner.StartAsync(_api, indexPath: index, extra: FastSending, replace: slow.Install);
        var pipeline = first.Get<UpdatePipeline>();
        var slowQuestion = _api.Text(Slow, Slow, GatedAnswerer.Marker + " " + Questions[0]);
        await slow.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        // Received but not started when SIGTERM comes: it waits behind the slow answer in its chat.
        var waiting = _api.Text(Slow, Slow, Questions[2]);
        var asked = AskOtherChats(perChat: 2);
        await _api.WaitUntilAsync(_ => asked.Count(a => RepliesIn(a.Chat).Contains(a.Message)) >= 20, seconds: 30);

        // SIGTERM in the middle: the slow answer finishes during the drain.
        var stopping = BotRunner.StopAsync(first);
        await WaitUntilAsync(() => pipeline.Stopping);
        slow.Gate.Open();
        await stopping;
        Assert.Equal([slowQuestion], RepliesIn(Slow));

        var second = await BotRunner.StartAsync(_api, indexPath: index, extra: FastSending);
        try
        {
            await _api.WaitUntilAsync(_ => RepliesIn(Slow).Contains(waiting) && asked.All(a => RepliesIn(a.Chat).Contains(a.Message)), seconds: 60);
            await BotRunner.WaitUntilIdleAsync(second, _api);

            Assert.Equal([slowQuestion, waiting], RepliesIn(Slow));
            foreach (var chat in asked.Select(a => a.Chat).Distinct())
            {
                Assert.Equal(asked.Where(a => a.Chat == chat).Select(a => a.Message).ToList(), RepliesIn(chat));
            }
        }
        finally
        {
            await BotRunner.StopAsync(second);
        }
    }

    [Fact]
    public async Task At_most_the_configured_number_of_updates_are_held_in_memory_and_the_rest_wait_at_Telegram()
    {
        var slow = new SlowModel();
        var settings = new Dictionary<string, string?>(FastSending) { ["Telegram:MaxUpdatesInMemory"] = "10" };
        var bot = await BotRunner.StartAsync(_api, extra: settings, replace: slow.Install);
        var pipeline = bot.Get<UpdatePipeline>();
        var held = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                held = Math.Max(held, pipeline.Count);
                await Task.Delay(1);
            }
        });
        try
        {
            // 30 chats ask slow questions at once: all of them block.
            var asked = Enumerable.Range(0, 30).Select(i => (Chat: 7000L + i, Message: _api.Text(7000 + i, 7000 + i, GatedAnswerer.Marker + " " + Questions[i % 3]))).ToList();

            await WaitUntilAsync(() => pipeline.Count == 10);
            Assert.True(_api.Unconfirmed >= 20, $"{_api.Unconfirmed} updates left at Telegram");

            slow.Gate.Open();
            await _api.WaitUntilAsync(_ => asked.All(a => RepliesIn(a.Chat).Contains(a.Message)), seconds: 60);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            sampling.Cancel();
            await sampler;

            Assert.InRange(held, 10, 10);
            Assert.All(asked, a => Assert.Equal([a.Message], RepliesIn(a.Chat)));
        }
        finally
        {
            sampling.Cancel();
            slow.Gate.Open();
            await BotRunner.StopAsync(bot);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true.");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _state.Dispose();
    }

    /// <summary>The real offline engine behind a <see cref="GatedAnswerer"/>, installed in place of the answerer.</summary>
    private sealed class SlowModel
    {
        public GatedAnswerer Gate { get; } = new();

        public void Install(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton<IAnswerer>(sp =>
            {
                Gate.Engine = sp.GetRequiredService<Bot.Core.Answering.ExtractiveAnswerer>();
                return Gate;
            }));
    }
}
