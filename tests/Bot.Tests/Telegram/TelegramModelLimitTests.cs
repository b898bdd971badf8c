using System.Text.Json.Nodes;
using Bot.Llm;
using Bot.Tests.Llm;

namespace Bot.Tests.Telegram;

/// <summary>
/// Issue 19, defect 4: sixteen slow model answers used to take every slot of the update pipeline, so a command or a
/// button press that needs no model waited behind them. Model calls now have their own limit (Llm:MaxConcurrentCalls).
/// </summary>
public sealed class TelegramModelLimitTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private const int Askers = 20;
    private readonly FakeBotApi _api = new();
    private readonly FakeOpenAiServer _model = new() { Hold = new(TaskCreationOptions.RunContinuationsAsynchronously) };

    private static string FirstButton(JsonObject message) => message["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString();

    [Fact]
    public async Task A_command_and_a_button_press_are_answered_while_every_model_call_is_blocked()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = _model.BaseUrl,
            ["Llm:ChatModel"] = "fake-arabic-model",
            ["Llm:TimeoutSeconds"] = "300",
            ["Llm:MaxConcurrentCalls"] = "2",
            ["Telegram:GlobalMessagesPerSecond"] = "1000",
        }, configure: (services, configuration) => services.AddLlm(configuration, offline: false));
        try
        {
            for (var i = 0; i < Askers; i++)
            {
                _api.Text(6000 + i, 6000 + i, "من التقى وزير الدفاع السوري في طهران؟");
            }
            await WaitUntilAsync(() => _model.ChatRequests >= 2);

            _api.Text(Sara, Sara, "/articles");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1, seconds: 30);
            var list = _api.Sent(Sara)[0];
            _api.Press(Sara, Sara, list["__message_id"]!.GetValue<int>(), FirstButton(list));
            await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"), seconds: 30);

            // Still blocked, and never more model calls at once than allowed.
            Assert.False(_model.Hold!.Task.IsCompleted);
            Assert.Equal(2, _model.ChatRequests);

            _model.Hold.TrySetResult();
            // Then every question waiting for its turn is answered by the model.
            await WaitUntilAsync(() => Enumerable.Range(0, Askers).All(i => _api.Sent(6000 + i).Count >= 1));
            Assert.True(_model.ChatRequests >= Askers);
        }
        finally
        {
            _model.Hold!.TrySetResult();
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public void A_model_limit_below_one_is_refused_naming_the_key()
    {
        var result = new LlmOptionsValidator().Validate(null, new LlmOptions
        {
            Endpoint = "http://127.0.0.1:1/v1", ChatModel = "m", MaxConcurrentCalls = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains("Llm:MaxConcurrentCalls", result.FailureMessage);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {seconds} s.");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _model.DisposeAsync();
    }
}
