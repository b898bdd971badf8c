using Bot.Telegram;
using Bot.Telegram.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Telegram;

/// <summary>Issue #19, one web host: where the worker listens, and the webhook settings it refuses.</summary>
public sealed class TelegramHostingTests
{
    private static TelegramOptions Webhook(string url, string secret) => new()
    {
        BotToken = FakeBotApi.Token, Mode = TelegramMode.Webhook, WebhookUrl = url, WebhookSecret = secret,
    };

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Theory]
    [InlineData("http://bot.example/telegram/hook", false)]
    [InlineData("http://10.0.0.5:8080/telegram/hook", false)]
    [InlineData("http://127.0.0.1:8443/telegram/hook", true)]
    [InlineData("http://localhost/telegram/hook", true)]
    [InlineData("https://bot.example/telegram/hook", true)]
    public void A_plain_http_webhook_URL_is_refused_outside_loopback_naming_the_key(string url, bool accepted)
    {
        var result = new TelegramOptionsValidator().Validate(null, Webhook(url, "a-long-enough-secret_1"));

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("Telegram:WebhookUrl must use https", result.FailureMessage);
        }
    }

    [Fact]
    public void A_webhook_secret_under_16_characters_is_refused_naming_the_key_and_its_length()
    {
        var tooShort = new TelegramOptionsValidator().Validate(null, Webhook("https://bot.example/hook", "abc123_-XYZ"));
        var enough = new TelegramOptionsValidator().Validate(null, Webhook("https://bot.example/hook", "abc123_-XYZ01234"));

        Assert.False(tooShort.Succeeded);
        Assert.Contains("Telegram:WebhookSecret", tooShort.FailureMessage);
        Assert.Contains("16", tooShort.FailureMessage);
        Assert.Contains("it has 11 characters", tooShort.FailureMessage);
        Assert.True(enough.Succeeded);
    }

    [Fact]
    public void A_range_outside_its_bounds_is_refused_naming_the_key_and_the_bounds()
    {
        var result = new Microsoft.Extensions.Options.DataAnnotationValidateOptions<TelegramOptions>(null).Validate(null, new TelegramOptions { BotToken = FakeBotApi.Token, RateLimitPerMinute = 0 });

        Assert.False(result.Succeeded);
        Assert.Contains("Telegram:RateLimitPerMinute must be between 1 and 1000.", result.FailureMessage);
    }

    [Fact]
    public void The_standard_urls_setting_wins_over_the_old_keys()
    {
        var addresses = BotWebServer.ListenAddresses(Settings(
            ("urls", "http://0.0.0.0:8081;http://[::1]:8082"), ("Telegram:Mode", "Webhook"), ("Telegram:WebhookListen", "http://127.0.0.1:9000"), ("Health:Port", "9001")));

        Assert.Equal(["http://0.0.0.0:8081", "http://[::1]:8082"], addresses);
    }

    [Fact]
    public void Without_urls_the_old_keys_still_say_where_to_listen()
    {
        Assert.Equal(["http://127.0.0.1:9000"], BotWebServer.ListenAddresses(Settings(("Telegram:Mode", "Webhook"), ("Telegram:WebhookListen", "http://127.0.0.1:9000"))));
        Assert.Equal(["http://127.0.0.1:8080"], BotWebServer.ListenAddresses(Settings(("Telegram:Mode", "Webhook"))));
        Assert.Equal(["http://+:9001"], BotWebServer.ListenAddresses(Settings(("Health:Port", "9001"), ("Health:Host", "+"))));
    }

    [Fact]
    public void A_polling_worker_with_no_address_configured_listens_nowhere_unless_ASPNETCORE_HTTP_PORTS_is_set()
    {
        Assert.Null(BotWebServer.ListenAddresses(Settings(("Telegram:Mode", "Polling"))));
        Assert.Equal([], BotWebServer.ListenAddresses(Settings(("http_ports", "8080"))));
    }
}
