using Bot.Core.Evaluation;
using Bot.Core.Search;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Cli.Bench;

/// <summary>
/// Our pipeline as the CLI runs it: the program's host with the scratch corpus and index as overrides; the build is
/// what <c>reindex</c> does (read, chunk and index the articles), searches go through <see cref="IPassageSearch"/>.
/// </summary>
internal sealed class OurEngine(BenchData data) : ISearchEngine
{
    public const string Name = "ours";

    private IHost? _host;

    private string IndexFolder => data.EngineFolder(Name);

    private HostOverrides Overrides => new(data.CorpusFolder, IndexFolder, Offline: true, MinimumLogLevel: LogLevel.Warning);

    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await host.Services.GetRequiredService<IIndexMaintenance>().RebuildAsync(null, cancellationToken).ConfigureAwait(false)).PassageCount;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<long> IndexBytesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Directory.Exists(IndexFolder)
            ? Directory.EnumerateFiles(IndexFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : 0L);

    /// <summary>The first call starts the host (opening the index is part of it); later ones share it.</summary>
    public async Task<IEngineSearcher> OpenAsync(CancellationToken cancellationToken)
    {
        _host ??= await StartHostAsync(cancellationToken).ConfigureAwait(false);
        return new Searcher(_host.Services.GetRequiredService<IPassageSearch>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            _host.Dispose();
            _host = null;
        }
    }

    private async Task<IHost> StartHostAsync(CancellationToken cancellationToken)
    {
        var host = BotHost.CreateBuilder(Overrides).Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private sealed class Searcher(IPassageSearch search) : IEngineSearcher
    {
        public async Task<IReadOnlyList<KnownItemHit>> SearchAsync(string query, int k, CancellationToken cancellationToken) =>
            (await search.SearchAsync(query, k, cancellationToken).ConfigureAwait(false))
                .Select(p => new KnownItemHit(p.Passage.ArticleId, p.AlsoPublishedIn.Count > 0 ? p.AlsoPublishedIn : null)).ToList();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
