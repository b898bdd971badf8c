using Bot.Core.Search;
using Bot.Core.Sources;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Sources;

/// <summary>
/// The real pipeline over a copy of the seeds in a temporary folder (articles from sources are written there),
/// with Sources settings for the loopback news site: private networks allowed unless a test says otherwise, and a
/// short timeout so the slow page costs little.
/// </summary>
internal sealed class SourcesEngine : IDisposable
{
    /// <summary>Long enough for a loaded machine, short enough that the slow page costs little.</summary>
    public const int TimeoutSeconds = 3;

    private readonly PipelineHost _host;

    public SourcesEngine(TempFolder temp, IEnumerable<(string Url, string Name)>? feeds = null, bool allowPrivate = true, string? indexPath = null,
        IDictionary<string, string?>? extra = null, bool polling = false, TimeProvider? clock = null)
    {
        Corpus = temp.Combine("corpus");
        if (!Directory.Exists(Corpus))
        {
            Directory.CreateDirectory(Corpus);
            foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
            {
                File.Copy(seed, Path.Combine(Corpus, Path.GetFileName(seed)));
            }
        }
        var settings = new Dictionary<string, string?>
        {
            ["Sources:AllowPrivateNetworks"] = allowPrivate ? "true" : "false",
            ["Sources:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var i = 0;
        foreach (var (url, name) in feeds ?? [])
        {
            settings[$"Sources:Feeds:{i}:Url"] = url;
            settings[$"Sources:Feeds:{i}:Name"] = name;
            i++;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        _host = new PipelineHost(Corpus, indexPath ?? temp.Combine("index"), settings, (services, _) =>
        {
            if (polling)
            {
                services.AddFeedPolling();
            }
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
    }

    public string Corpus { get; }

    public string IndexPath => _host.IndexPath;

    public CapturingLoggerProvider Logs => _host.Logs;

    public IFeedIngestion Feeds => _host.Get<IFeedIngestion>();

    public IArticleIntake Intake => _host.Get<IArticleIntake>();

    public IArticleCatalog Catalog => _host.Get<IArticleCatalog>();

    public T Get<T>() where T : notnull => _host.Get<T>();

    public void Dispose() => _host.Dispose();
}
