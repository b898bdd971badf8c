using Bot.Core;
using Bot.Core.Conversations;
using Bot.Core.Corpus;
using Bot.Core.Sources;
using Bot.Core.State;
using Bot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Storage;

/// <summary>
/// <c>Storage:Provider</c> chooses each store once: the whole bot (pipeline and Telegram front-end) registers exactly
/// one implementation of each, the provider's, whatever order the other parts add their defaults in.
/// </summary>
public sealed class StoreRegistrationTests
{
    private static IServiceCollection WholeBot(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddArticleQa(configuration);
        services.AddTelegramBot(configuration);
        return services;
    }

    private static string Registered<T>(IServiceCollection services) =>
        Assert.Single(services, d => d.ServiceType == typeof(T)).ImplementationType?.Name ?? "factory";

    [Fact]
    public void Embedded_storage_keeps_conversations_and_feedback_in_state_db_and_writes_articles_to_the_folder()
    {
        var services = WholeBot();

        Assert.Equal("SqliteConversationStore", Registered<IConversationStore>(services));
        Assert.Equal("SqliteFeedbackStore", Registered<IFeedbackStore>(services));
        Assert.Equal("IndexedArticleWriter", Registered<IArticleWriter>(services));
        Assert.Equal("SingleProcessLeader", Registered<IFeedPollingLeader>(services));
        Assert.Single(services, d => d.ServiceType == typeof(EmbeddedStateStore));
    }

    [Fact]
    public void Postgres_storage_registers_the_shared_stores_once_and_no_embedded_ones()
    {
        var services = WholeBot(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", "Host=127.0.0.1;Database=bot"));

        Assert.Equal("PostgresConversationStore", Registered<IConversationStore>(services));
        Assert.Equal("PostgresFeedbackStore", Registered<IFeedbackStore>(services));
        Assert.Equal("PostgresArticleWriter", Registered<IArticleWriter>(services));
        Assert.Equal("PostgresFeedPollingLeader", Registered<IFeedPollingLeader>(services));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(EmbeddedStateStore));
    }
}
