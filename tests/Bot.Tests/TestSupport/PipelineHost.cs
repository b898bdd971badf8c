using Bot.Core;
using Bot.Telegram.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.TestSupport;

/// <summary>
/// The real pipeline over a corpus folder (the seeds by default), with its index in a temporary folder;
/// <c>configure</c> adds more (e.g. the language-model path).
/// </summary>
internal sealed class PipelineHost : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly IHost _host;

    public PipelineHost(
        string? corpus = null,
        string? indexPath = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? configure = null,
        bool web = false)
    {
        IndexPath = indexPath ?? _temp.Combine("index");
        IHostApplicationBuilder builder = web
            ? WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root })
            : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = RepoPaths.Root, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus ?? RepoPaths.Seeds,
            ["Index:Path"] = IndexPath,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddArticleQa(builder.Configuration);
        configure?.Invoke(builder.Services, builder.Configuration);
        if (builder is WebApplicationBuilder webBuilder)
        {
            // The worker's own web host: webhook and health endpoints where the configuration says (nowhere by default).
            var app = webBuilder.UseBotWebServer().Build();
            app.MapTelegramEndpoints();
            _host = app;
        }
        else
        {
            _host = ((HostApplicationBuilder)builder).Build();
        }
    }

    public string IndexPath { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _host.Services;

    /// <summary>Where the web host listens once started (empty unless it listens).</summary>
    public string Address => BotWebServer.Addresses(_host.Services).First();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }
}
