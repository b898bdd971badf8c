using Bot.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Telegram;

/// <summary>The whole bot (real offline engine on the seeds + Telegram worker) talking to a fake Bot API.</summary>
internal static class BotRunner
{
    public const long Admin = 42;

    public static async Task<PipelineHost> StartAsync(
        FakeBotApi api, string? indexPath = null, string? corpus = null, IDictionary<string, string?>? extra = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? replace = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:AdminIds:0"] = Admin.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:RetryThresholdSeconds"] = "5",
            ["Telegram:RetryCount"] = "2",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var engine = new PipelineHost(corpus, indexPath, settings, (services, configuration) =>
        {
            configure?.Invoke(services, configuration);
            services.AddTelegramBot(configuration);
            replace?.Invoke(services);
        }, web: true);
        await engine.Get<IHost>().StartAsync();
        return engine;
    }

    /// <summary>
    /// Waits until the bot has received every queued update and finished handling all of them: after this nothing
    /// more will be sent unless new updates arrive (an event-based wait instead of a fixed delay).
    /// </summary>
    public static async Task WaitUntilIdleAsync(PipelineHost engine, FakeBotApi api, int seconds = 30)
    {
        await api.WaitUntilAllConfirmedAsync(seconds);
        var pipeline = engine.Get<Bot.Telegram.Hosting.UpdatePipeline>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (pipeline.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{pipeline.Count} updates are still being handled.");
            }
            await pipeline.WaitForProgressAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);
        }
    }

    public static async Task StopAsync(PipelineHost engine)
    {
        await engine.Get<IHost>().StopAsync();
        engine.Dispose();
    }
}
