using Bot.Llm;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Llm;

/// <summary>The pipeline on the seeds with the language-model path pointed at a fake server.</summary>
internal static class LlmEngine
{
    public static async Task<PipelineHost> StartAsync(
        FakeOpenAiServer server, int timeoutSeconds = 5, string? corpus = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.BaseUrl,
            ["Llm:ChatModel"] = "fake-arabic-model",
            ["Llm:ApiKey"] = "sk-test-not-a-real-key",
            ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var engine = new PipelineHost(corpus, settings: settings, configure: (services, configuration) => services.AddLlm(configuration, offline: false));
        // Starting runs the options validation, as the real program does.
        await engine.Get<IHost>().StartAsync();
        return engine;
    }
}
