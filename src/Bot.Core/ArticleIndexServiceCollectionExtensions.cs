using Bot.Core.Chunking;
using Bot.Core.Configuration;
using Bot.Core.Corpus;
using Bot.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Core;

public static class ArticleIndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers the articles and their index: folder corpus → chunking → Lucene index/search. Relative paths are
    /// resolved against the host's content root (the folder that holds appsettings.json).
    /// </summary>
    public static IServiceCollection AddArticleIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorpusOptions>().Bind(configuration.GetSection(CorpusOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexOptions>().Bind(configuration.GetSection(IndexOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.MaxWords >= o.TargetWords, "Chunking:MaxWords must be at least Chunking:TargetWords.").ValidateOnStart();
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new IndexLocation(
            ResolvePath(sp, sp.GetRequiredService<IOptions<IndexOptions>>().Value.Path)));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CorpusOptions>>().Value;
            var path = ResolvePath(sp, options.Path);
            // Articles added at run time go beside the others, unless the articles are one archive file.
            var archive = File.Exists(path) || FolderArticleSource.Extension(path) is ".jsonl" or ".jsonl.gz" or ".json";
            return new CorpusLocation(path, archive ? ResolvePath(sp, options.AddedPath) : path);
        });
        services.AddSingleton<FolderArticleSource>();
        services.AddSingleton<IArticleSource>(sp => sp.GetRequiredService<FolderArticleSource>());
        services.AddSingleton<IArticleIngestor, ArticleUploadIngestor>();
        services.TryAddSingleton<IArticleWriter, IndexedArticleWriter>(); // unless AddStorage chose the writer
        services.AddSingleton<ArticlePublications>();

        services.AddSingleton<PassageChunker>();
        services.AddSingleton<IndexBuilder>();
        services.AddSingleton<IndexUpdater>();
        services.AddSingleton<ArticleIndex>();
        services.AddSingleton<IIndexMaintenance>(sp => sp.GetRequiredService<ArticleIndex>());
        services.AddSingleton<IIndexViews, IndexViews>();
        // The search helpers other projects take have internal constructors (they wrap the internal ArticleIndex),
        // which the container does not look for.
        services.AddSingleton(sp => new TermStatistics(sp.GetRequiredService<ArticleIndex>()));
        services.AddSingleton<LucenePassageSearch>();
        services.AddSingleton<NgramRetriever>();
        services.AddSingleton<IRetriever>(sp => sp.GetRequiredService<LucenePassageSearch>());
        services.AddSingleton<IRetriever>(sp => sp.GetRequiredService<NgramRetriever>());
        services.AddSingleton<FusedPassageSearch>();
        services.AddSingleton(sp => new ArchiveCalendar(sp.GetRequiredService<ArticleIndex>()));
        services.AddSingleton(sp => new ArticlesByDate(sp.GetRequiredService<ArticleIndex>()));
        services.AddSingleton<IPassageSearch, NewsAwareSearch>();
        services.AddSingleton<IArticleCatalog, IndexedArticleCatalog>();

        return services;
    }

    /// <summary>Reindexes when the articles folder changes; for long-running hosts such as the Telegram worker.</summary>
    public static IServiceCollection AddCorpusWatcher(this IServiceCollection services)
    {
        services.AddHostedService<CorpusWatcher>();
        return services;
    }

    private static string ResolvePath(IServiceProvider services, string path) =>
        Path.GetFullPath(Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, path));
}
