using System.Text.Json.Nodes;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>
/// Failure mode 5 of issue #11: buttons, the message → article map behind reply-<c>/summary</c> and conversation
/// memory used to live in memory only, so a restart answered «انتهت صلاحية هذا الزر» and forgot the context.
/// </summary>
public sealed class TelegramRestartStateTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _state = new();

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    private static string SourceButton(JsonObject message) =>
        message["reply_markup"]!["inline_keyboard"]!.AsArray().Select(r => r![0]!)
            .First(b => b["text"]!.ToString().StartsWith("📄", StringComparison.Ordinal))["callback_data"]!.ToString();

    [Fact]
    public async Task A_source_button_and_a_reply_summary_still_work_after_a_restart()
    {
        var index = _state.Combine("index");
        var first = await BotRunner.StartAsync(_api, indexPath: index);
        _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        var answer = _api.Sent(Sara)[0];
        await BotRunner.StopAsync(first);

        var second = await BotRunner.StartAsync(_api, indexPath: index);
        try
        {
            _api.Press(Sara, Sara, answer["__message_id"]!.GetValue<int>(), SourceButton(answer));
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            var source = _api.Sent(Sara)[1];
            Assert.Contains("«", Text(source));
            Assert.DoesNotContain(_api.Calls, c => c.Method == "answerCallbackQuery" && c.Parameters["text"]?.ToString() is { } t && t.Contains("انتهت صلاحية"));

            var third = await RestartAsync(second, index);
            second = third;
            _api.Text(Sara, Sara, "/summary", replyTo: source["__message_id"]!.GetValue<int>());
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3);
            Assert.Contains("📝", Text(_api.Sent(Sara)[2]));
        }
        finally
        {
            await BotRunner.StopAsync(second);
        }
    }

    [Fact]
    public async Task A_follow_up_question_after_a_restart_still_has_its_context()
    {
        var index = _state.Combine("index");
        var first = await BotRunner.StartAsync(_api, indexPath: index);
        _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        await BotRunner.WaitUntilIdleAsync(first, _api);
        var second = await RestartAsync(first, index);
        try
        {
            // Alone, «ومتى حدث ذلك؟» finds nothing in the articles; with the remembered question it is answered.
            _api.Text(Sara, Sara, "ومتى حدث ذلك؟");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            var followUp = Text(_api.Sent(Sara)[1]);
            Assert.DoesNotContain(Bot.Core.Answering.ArabicMessages.NotFound, followUp);
            Assert.Contains("[1]", followUp);

            // /reset forgets it, also in the database: the same follow-up now has no context.
            _api.Text(Sara, Sara, "/reset");
            _api.Text(Sara, Sara, "ومتى حدث ذلك؟");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 4);
            Assert.Contains(Bot.Core.Answering.ArabicMessages.NotFound, Text(_api.Sent(Sara)[3]));
        }
        finally
        {
            await BotRunner.StopAsync(second);
        }
    }

    private async Task<PipelineHost> RestartAsync(PipelineHost running, string index)
    {
        await BotRunner.StopAsync(running);
        return await BotRunner.StartAsync(_api, indexPath: index);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _state.Dispose();
    }
}
