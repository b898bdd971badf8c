using System.Collections.Concurrent;

namespace Bot.Telegram.Handling;

/// <summary>Which article each of the bot's summary and source messages is about, so «/summary» in reply to one works.</summary>
internal sealed class SentArticles
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<(long Chat, int Message), string> _articles = new();
    private readonly ConcurrentQueue<(long, int)> _order = new();

    public void Remember(long chatId, int messageId, string articleId)
    {
        _articles[(chatId, messageId)] = articleId;
        _order.Enqueue((chatId, messageId));
        while (_order.Count > Capacity && _order.TryDequeue(out var old))
        {
            _articles.TryRemove(old, out _);
        }
    }

    public string? Find(long chatId, int messageId) => _articles.GetValueOrDefault((chatId, messageId));
}
