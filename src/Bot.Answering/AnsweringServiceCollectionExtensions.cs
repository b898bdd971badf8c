using Bot.Core.Answering;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>
    /// The key of the offline answerer, summarizer and query rewriter (keyed services): a model path that replaces the
    /// defaults falls back on them without naming their classes.
    /// </summary>
    public const string Offline = "offline";

    /// <summary>The offline answerer over another search (retriever comparisons), with the rest from <paramref name="services"/>.</summary>
    public static IAnswerer OfflineAnswererOver(IServiceProvider services, IPassageSearch search) =>
        ActivatorUtilities.CreateInstance<ExtractiveAnswerer>(services, search);

    /// <summary>
    /// Registers the offline answering: extractive answers and summaries over the index's search, the conversation flow
    /// every front-end drives, and in-memory conversations unless <c>AddStorage</c> chose their store.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<KeyTermQueryRewriter>();
        services.AddSingleton<IQueryRewriter>(sp => sp.GetRequiredService<KeyTermQueryRewriter>());
        services.AddKeyedSingleton<IQueryRewriter>(Offline, (sp, _) => sp.GetRequiredService<KeyTermQueryRewriter>());
        services.AddSingleton<AnswerSupport>();
        services.AddSingleton<ISupportCheck>(sp => sp.GetRequiredService<AnswerSupport>());
        services.TryAddSingleton<NotFoundReply>();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<IAnswerer>(sp => sp.GetRequiredService<ExtractiveAnswerer>());
        services.AddKeyedSingleton<IAnswerer>(Offline, (sp, _) => sp.GetRequiredService<ExtractiveAnswerer>());
        services.AddSingleton<ExtractiveSummarizer>();
        services.AddSingleton<ISummarizer>(sp => sp.GetRequiredService<ExtractiveSummarizer>());
        services.AddKeyedSingleton<ISummarizer>(Offline, (sp, _) => sp.GetRequiredService<ExtractiveSummarizer>());
        services.AddSingleton<IDigestService, DigestService>();
        services.AddSingleton<ITimelineService, TimelineService>();
        services.AddSingleton<Subscriptions.ISubscriptionDigest, SubscriberDigest>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConversationFlow>();
        // In-process defaults for a host without AddStorage, which chooses the stores.
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        return services;
    }
}
