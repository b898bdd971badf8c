using Bot.Core.Sources;
using Bot.Core.State.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core;

public static class ArticleQaServiceCollectionExtensions
{
    /// <summary>
    /// The whole offline pipeline in pipeline order: the articles and their index, answering and summaries, the
    /// article sources (feeds, links, channel) and the state store that <c>Storage:Provider</c> chooses.
    /// </summary>
    public static IServiceCollection AddArticleQa(this IServiceCollection services, IConfiguration configuration) =>
        services.AddArticleIndex(configuration)
            .AddAnswering(configuration)
            .AddArticleSources(configuration)
            .AddStorage(configuration);
}
