using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

public sealed class TelegramAccessTests : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    [Fact]
    public async Task A_user_over_the_rate_limit_is_asked_in_Arabic_to_wait()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Telegram:RateLimitPerMinute"] = "2" });
        try
        {
            _api.Text(3001, 3001, "/help");
            _api.Text(3001, 3001, "/help");
            _api.Text(3001, 3001, "/help");

            await _api.WaitUntilAsync(_ => _api.Sent(3001).Count >= 3, seconds: 30);
            Assert.Contains("طلبات كثيرة", Text(_api.Sent(3001)[2]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_user_who_keeps_writing_over_the_limit_is_warned_once_not_flooded()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Telegram:RateLimitPerMinute"] = "2" });
        try
        {
            for (var i = 0; i < 6; i++)
            {
                _api.Text(3002, 3002, "/help");
            }

            await _api.WaitUntilAsync(_ => _api.Sent(3002).Count >= 3, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            var sent = _api.Sent(3002);
            Assert.Equal(3, sent.Count);
            Assert.Contains("طلبات كثيرة", Text(sent[2]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_chat_that_is_not_allowed_gets_one_polite_refusal_and_nothing_else()
    {
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Telegram:AllowedChatIds:0"] = "5000" });
        try
        {
            _api.Text(4001, 4001, "من التقى وزير الدفاع السوري في طهران؟");
            _api.Text(4001, 4001, "/start");
            _api.Text(5000, 5000, "/help");

            await _api.WaitUntilAsync(_ => _api.Sent(5000).Count >= 1);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            Assert.Equal("عذرًا، هذا البوت غير متاح في هذه المحادثة.", Assert.Single(_api.Sent(4001)).Let(Text));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task The_token_never_appears_in_the_logs()
    {
        // The answer is refused (logged as an error with its exception), then the apology meets a proxy's 502 and is retried.
        _api.FailNext("sendMessage", 400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");
        _api.FailNext("sendMessage", 502, "<html>bad gateway</html>");
        var bot = await BotRunner.StartAsync(_api);
        try
        {
            _api.Text(6001, 6001, "/help");
            await _api.WaitUntilAsync(_ => _api.Sent(6001).Count >= 3);
            await BotRunner.WaitUntilIdleAsync(bot, _api);

            var failure = Assert.Single(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
            Assert.True(failure.Message.Contains("Bot API error 400: Bad Request: chat not found"), failure.Message); // the exception text is seen
            Assert.Contains("   at ", failure.Message);
            Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(FakeBotApi.Token.Split(':')[1]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}

internal static class LetExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> map) => map(value);
}
