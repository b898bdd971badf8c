using System.Collections.Concurrent;
using Bot.Core.Corpus;
using Bot.Core.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// Sends each new article (feeds, links, channel posts: <see cref="ArticlePublications"/>) to the chats whose keyword
/// subscription it matches, at once, one message per chat even when several of its subscriptions match. An article
/// dated more than <see cref="FreshFor"/> ago (an old link added to the archive) is not news and alerts no one.
/// </summary>
internal sealed partial class KeywordAlertService(
    ArticlePublications publications,
    ISubscriptionStore store,
    SubscriptionSender sender,
    TimeProvider clock,
    ILogger<KeywordAlertService> logger) : BackgroundService
{
    internal static readonly TimeSpan FreshFor = TimeSpan.FromDays(2);

    private readonly ConcurrentDictionary<string, KeywordFilter?> _filters = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var article in publications.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await AlertAsync(article, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(ex, article.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Alerts the matching chats about one article; how many were sent.</summary>
    public async Task<int> AlertAsync(Article article, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (article.Date is { } date && date < today.AddDays(-FreshFor.Days))
        {
            return 0;
        }
        var subscriptions = await store.KeywordSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        if (subscriptions.Count == 0)
        {
            return 0;
        }
        var words = KeywordFilter.WordsOf(article);
        var matching = subscriptions
            .Where(s => _filters.GetOrAdd(s.Keywords, KeywordFilter.Parse)?.Matches(words) == true)
            .GroupBy(s => s.ChatId).Select(chat => chat.First())
            .ToList();
        var sent = 0;
        foreach (var byWords in matching.GroupBy(s => s.Keywords))
        {
            sent += await sender.SendAsync(byWords.ToList(), "article:" + article.Id, SubscriptionMessages.Alert(article, byWords.Key), cancellationToken)
                .ConfigureAwait(false);
        }
        if (sent > 0)
        {
            LogAlerted(article.Id, sent);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Keyword alerts for article {ArticleId} failed")]
    private partial void LogFailed(Exception exception, string articleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} sent to {Chats} keyword subscribers")]
    private partial void LogAlerted(string articleId, int chats);
}
