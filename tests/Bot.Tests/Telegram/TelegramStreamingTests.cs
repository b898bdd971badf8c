using System.Text.Json.Nodes;
using Bot.Llm;
using Bot.Tests.Llm;

namespace Bot.Tests.Telegram;

public sealed class TelegramStreamingTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();
    private readonly FakeOpenAiServer _model = new();

    [Fact]
    public async Task A_streamed_model_answer_fills_one_message_with_throttled_edits_then_the_cited_final_text()
    {
        const string reply = "أجرى وزير الدفاع السوري في طهران مباحثات مع رئيس الأركان الإيراني محمد باقري [1]، وبحث الطرفان تفاصيل التعاون العسكري الثنائي [2].";
        // About 20 chunks, 200 ms apart: some four seconds of writing.
        _model.Enqueue(new FakeOpenAiServer.Reply(reply, ChunkDelay: TimeSpan.FromMilliseconds(200)));
        var bot = await StartWithModelAsync();
        try
        {
            _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");

            await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "editMessageText" && c.Parameters["reply_markup"] is not null), seconds: 30);
            var sent = _api.Sent(Sara);
            var edits = _api.Calls.Where(c => c.Method == "editMessageText").Select(c => c.Parameters).ToList();

            Assert.Single(sent);
            Assert.Contains("⏳", FakeBotApi.VisibleText(sent[0]["text"]!.ToString(), out _));
            Assert.InRange(edits.Count, 1, 4); // throttled: not one edit per chunk
            var final = FakeBotApi.VisibleText(edits[^1]["text"]!.ToString(), out _);
            Assert.Equal(reply, final);
            Assert.Empty(_api.Rejections);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_slow_answer_in_one_chat_does_not_hold_up_another_chat()
    {
        // The first model call (chat A) takes 6 s; the next one (chat B) is immediate.
        _model.Enqueue(
            new FakeOpenAiServer.Reply("أجرى الوزير مباحثات مع محمد باقري [1].", Delay: TimeSpan.FromSeconds(6)),
            FakeOpenAiServer.Text("ستكون صواريخ خرداد 15 بحوزة الجيش السوري [1]."));
        var bot = await StartWithModelAsync();
        try
        {
            _api.Text(7001, 7001, "من التقى وزير الدفاع السوري في طهران؟");
            await _api.WaitUntilAsync(_ => _model.Requests.Count >= 1);
            _api.Text(7002, 7002, "ما الصواريخ التي ستكون بحوزة الجيش السوري؟");

            await _api.WaitUntilAsync(calls => calls.Any(c => c.Parameters["chat_id"]?.ToString() == "7002"
                && c.Method is "sendMessage" or "editMessageText" && c.Parameters["reply_markup"] is not null));
            Assert.DoesNotContain(_api.Calls, c => c.Parameters["chat_id"]?.ToString() == "7001" && c.Parameters["reply_markup"] is not null);

            await _api.WaitUntilAsync(calls => calls.Any(c => c.Parameters["chat_id"]?.ToString() == "7001" && c.Parameters["reply_markup"] is not null));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    /// <summary>The bot with answers from the fake model.</summary>
    private Task<TestSupport.PipelineHost> StartWithModelAsync() =>
        BotRunner.StartAsync(_api,
        extra: new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = _model.BaseUrl,
            ["Llm:ChatModel"] = "fake-arabic-model",
            ["Llm:TimeoutSeconds"] = "30",
        },
        configure: (services, configuration) => services.AddLlm(configuration, offline: false));

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _model.DisposeAsync();
    }
}
