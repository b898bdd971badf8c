using System.ClientModel;
using System.ClientModel.Primitives;
using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Core.Summaries;
using Bot.Llm.Answering;
using Bot.Llm.Conversations;
using Bot.Llm.Research;
using Bot.Llm.Prompts;
using Bot.Llm.Retrieval;
using Bot.Llm.Summaries;
using Bot.Core.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using OpenAI;

namespace Bot.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Llm:Endpoint</c> set (and not <paramref name="offline"/>): a Semantic Kernel with the OpenAI chat connector
    /// pointed at it and the article plugin, and model-backed answerer, summariser and follow-up rewriter that fall back
    /// to the offline ones; with <c>Llm:EmbeddingModel</c> also the dense retriever that hybrid search fuses. Otherwise nothing changes: the offline pipeline answers.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration, bool offline)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        var settings = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        var enabled = settings.IsConfigured && !offline;
        services.AddSingleton(new LlmStatus(enabled, enabled ? settings.ChatModel : null));
        if (!enabled)
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new OpenAIClient(
                // Local servers (Ollama, llama.cpp) need no key, but the client requires one.
                new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.Endpoint!),
                    NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
                    // Falling back to the extractive answer beats waiting through retries.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                });
        });
        services.AddKernel();
        // A missing model name is reported by validation at start, not by the connector here.
        services.AddOpenAIChatCompletion(string.IsNullOrWhiteSpace(settings.ChatModel) ? "unset" : settings.ChatModel, openAIClient: null);
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<ChatModel>();
        services.AddSingleton<EndpointCapabilities>();
        services.AddSingleton<ResearchLoop>();
        services.TryAddSingleton<NotFoundReply>();

        services.AddSingleton<LlmAnswerer>();
        services.Replace(ServiceDescriptor.Singleton<IAnswerer>(sp => sp.GetRequiredService<LlmAnswerer>()));
        services.AddSingleton<LlmSummarizer>();
        services.Replace(ServiceDescriptor.Singleton<ISummarizer>(sp => sp.GetRequiredService<LlmSummarizer>()));
        // The offline digest still chooses and ranks the stories; the model writes their lines.
        if (services.LastOrDefault(d => d.ServiceType == typeof(IDigestService)) is { ImplementationType: { } offlineDigest })
        {
            services.Replace(ServiceDescriptor.Singleton<IDigestService>(sp => ActivatorUtilities.CreateInstance<LlmDigestService>(sp,
                (IDigestService)ActivatorUtilities.CreateInstance(sp, offlineDigest))));
        }
        if (!string.IsNullOrWhiteSpace(settings.EmbeddingModel))
        {
            var model = settings.EmbeddingModel;
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                sp.GetRequiredService<OpenAIClient>().GetEmbeddingClient(model).AsIEmbeddingGenerator());
            services.AddSingleton(sp => new EmbeddingStore(Path.Combine(sp.GetRequiredService<IndexLocation>().Folder, "embeddings"), model));
            services.AddSingleton<IRetriever, DenseRetriever>();
        }
        services.AddSingleton<LlmQueryRewriter>();
        services.Replace(ServiceDescriptor.Singleton<IQueryRewriter>(sp => sp.GetRequiredService<LlmQueryRewriter>()));
        return services;
    }
}
