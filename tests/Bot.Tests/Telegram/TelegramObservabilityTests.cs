using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Telegram;

/// <summary>Issue #11, observability: the <c>Bot</c> meter counts what happens, and <c>/health</c> says whether polling and the index are alive.</summary>
public sealed class TelegramObservabilityTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private const string Question = "من التقى وزير الدفاع السوري في طهران؟";
    private readonly FakeBotApi _api = new();

    [Fact]
    public async Task The_bot_meter_counts_updates_answers_and_429s_and_no_message_text_is_logged()
    {
        _api.FailNext("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
        var bot = await BotRunner.StartAsync(_api);
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        var factory = bot.Get<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Bot" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => totals[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => totals.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        listener.Start();
        try
        {
            _api.Text(Sara, Sara, Question);
            _api.Text(Sara, Sara, "/help");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            listener.RecordObservableInstruments();

            Assert.Equal(2, totals.GetValueOrDefault("bot.updates.received"));
            Assert.Equal(2, totals.GetValueOrDefault("bot.updates.handled"));
            Assert.Equal(1, totals.GetValueOrDefault("bot.answer.duration")); // one question, one measured answer
            Assert.Equal(1, totals.GetValueOrDefault("bot.telegram.throttled"));
            Assert.Equal(0, totals.GetValueOrDefault("bot.updates.failed"));
            Assert.Equal(0, totals.GetValueOrDefault("bot.updates.queued", -1));
            Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("وزير الدفاع السوري"));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task The_health_endpoint_reports_polling_and_index_and_turns_503_when_getUpdates_fails()
    {
        var port = FreePort();
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Health:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var healthy = await WaitForStatusAsync(http, HttpStatusCode.OK);
            Assert.Equal("Healthy", healthy["checks"]!["polling"]!["status"]!.ToString());
            Assert.Contains("articles", healthy["checks"]!["index"]!["description"]!.ToString());

            for (var i = 0; i < 20; i++)
            {
                _api.FailNext("getUpdates", 502, "<html>bad gateway</html>");
            }
            var unhealthy = await WaitForStatusAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", unhealthy["checks"]!["polling"]!["status"]!.ToString());
            Assert.Equal("Healthy", unhealthy["checks"]!["index"]!["status"]!.ToString());
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void Metrics_and_traces_are_exported_over_OTLP_only_when_an_endpoint_is_configured(string? endpoint, bool exported)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            builder.Configuration, new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = endpoint });

        var configured = Bot.Hosting.BotTelemetry.AddBotTelemetry(builder);

        Assert.Equal(exported, configured);
        Assert.Equal(exported, builder.Services.Any(d => d.ServiceType == typeof(OpenTelemetry.Metrics.MeterProvider)));
        Assert.Equal(exported, builder.Services.Any(d => d.ServiceType == typeof(OpenTelemetry.Trace.TracerProvider)));
    }

    [Fact]
    public void An_OTLP_endpoint_that_is_not_a_URL_is_refused_as_invalid_configuration_naming_the_key()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            builder.Configuration, new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "collector:4317" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Bot.Hosting.BotTelemetry.AddBotTelemetry(builder));

        Assert.Contains("OpenTelemetry:OtlpEndpoint", error.Message);
    }

    private static async Task<JsonObject> WaitForStatusAsync(HttpClient http, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("health");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == wanted)
                {
                    return JsonNode.Parse(body)!.AsObject();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/health never answered {(int)wanted}.");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
