using Bot.Core.Sources;
using Bot.Core.State.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core;

public static class ArticleQaServiceCollectionExtensions
{
    /// <summary>
    /// The whole offline pipeline: the stores that <c>Storage:Provider</c> chooses (first, so each store is
    /// registered once: the others only add in-process defaults where none is), then in pipeline order the articles
    /// and their index, answering and summaries, and the article sources (feeds, links, channel).
    /// </summary>
    public static IServiceCollection AddArticleQa(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStorage(configuration)
            .AddArticleIndex(configuration)
            .AddAnswering(configuration)
            .AddArticleSources(configuration);
}
