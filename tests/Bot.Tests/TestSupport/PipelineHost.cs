using Bot.Core;
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
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        IndexPath = indexPath ?? _temp.Combine("index");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = RepoPaths.Root,
            DisableDefaults = true,
        });
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
        _host = builder.Build();
    }

    public string IndexPath { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }
}
