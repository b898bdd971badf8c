using System.Text.Json.Nodes;
using Bot.Core.Summaries;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Tests.Telegram;

/// <summary>
/// Failure mode 4 of issue #11: a press used to be answered only after the summary it asked for (Telegram shows
/// «query is too old» behind a slow model), and presses were not rate-limited although they can call the model.
/// </summary>
public sealed class TelegramButtonTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    private static string FirstButton(JsonObject message) => message["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString();

    private List<string?> Notices() =>
        _api.Calls.Where(c => c.Method == "answerCallbackQuery").Select(c => c.Parameters["text"]?.ToString()).ToList();

    [Fact]
    public async Task A_summary_button_is_answered_at_once_with_an_hourglass_and_the_slow_summary_follows()
    {
        var slow = new GatedSummarizer();
        var bot = await BotRunner.StartAsync(_api, replace: services => services.Replace(ServiceDescriptor.Singleton<ISummarizer>(sp =>
        {
            slow.Engine = sp.GetRequiredService<ExtractiveSummarizer>();
            return slow;
        })));
        try
        {
            _api.Text(Sara, Sara, "/articles");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var list = _api.Sent(Sara)[0];

            _api.Press(Sara, Sara, list["__message_id"]!.GetValue<int>(), FirstButton(list));

            // Answered while the summary is still being written.
            await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"));
            Assert.Contains("⏳", Assert.Single(Notices()));
            Assert.False(slow.IsOpen);
            Assert.Single(_api.Sent(Sara));

            slow.Open();
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            Assert.Contains("📝", Text(_api.Sent(Sara)[1]));
            Assert.Single(Notices()); // answered exactly once
        }
        finally
        {
            slow.Open();
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task Button_presses_count_in_the_per_user_limit_with_one_notice_then_silence()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Telegram:RateLimitPerMinute"] = "3" });
        try
        {
            _api.Text(Sara, Sara, "/articles"); // request 1
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var list = _api.Sent(Sara)[0];
            var id = list["__message_id"]!.GetValue<int>();

            for (var i = 0; i < 4; i++)
            {
                _api.Press(Sara, Sara, id, FirstButton(list)); // requests 2, 3, then over the limit twice
            }

            await _api.WaitUntilAsync(calls => calls.Count(c => c.Method == "answerCallbackQuery") >= 4, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            var notices = Notices();
            Assert.Equal(4, notices.Count); // every press is answered, none left spinning
            Assert.Equal(2, notices.Count(n => n?.Contains('⏳') == true && n.Contains("الملخص")));
            Assert.Contains("طلبات كثيرة", notices[2]);
            Assert.Null(notices[3]);
            Assert.Equal(3, _api.Sent(Sara).Count); // the list and two summaries
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_press_is_answered_at_once_even_while_a_slow_answer_runs_in_the_same_chat()
    {
        var slow = new GatedAnswerer();
        var bot = await BotRunner.StartAsync(_api, replace: services => services.Replace(ServiceDescriptor.Singleton<Bot.Core.Answering.IAnswerer>(sp =>
        {
            slow.Engine = sp.GetRequiredService<Bot.Core.Answering.ExtractiveAnswerer>();
            return slow;
        })));
        try
        {
            _api.Text(Sara, Sara, "/articles");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            var list = _api.Sent(Sara)[0];
            _api.Text(Sara, Sara, GatedAnswerer.Marker + " من التقى وزير الدفاع السوري في طهران؟");
            await slow.Entered.WaitAsync(TimeSpan.FromSeconds(30));

            _api.Press(Sara, Sara, list["__message_id"]!.GetValue<int>(), FirstButton(list));

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2); // the summary, while the answer is still being written
            Assert.Contains("⏳", Assert.Single(Notices()));
            Assert.Contains("📝", Text(_api.Sent(Sara)[1]));
            Assert.False(slow.IsOpen);
        }
        finally
        {
            slow.Open();
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    /// <summary>A slow summariser: article summaries wait until the test opens the gate.</summary>
    private sealed class GatedSummarizer : ISummarizer
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ISummarizer? Engine { get; set; }

        public bool IsOpen => _gate.Task.IsCompleted;

        public void Open() => _gate.TrySetResult();

        public async Task<Summary?> SummarizeAsync(string articleId, CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            return await Engine!.SummarizeAsync(articleId, cancellationToken);
        }

        public Task<Summary> SummarizeTopicAsync(string topic, CancellationToken cancellationToken) => Engine!.SummarizeTopicAsync(topic, cancellationToken);
    }
}
