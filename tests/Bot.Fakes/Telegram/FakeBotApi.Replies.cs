using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

/// <summary>
/// What the load test reads: replies counted by the message they reply to (every question's id is unique), the time
/// of the first, and which replicas sent them; and how often a webhook was set.
/// </summary>
public sealed partial class FakeBotApi
{
    private readonly ConcurrentDictionary<long, int> _replies = new();
    private readonly ConcurrentDictionary<long, long> _firstReplyAt = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<int>> _senders = new();

    /// <summary>Replies per replied-to message id.</summary>
    public IReadOnlyDictionary<long, int> Replies => _replies;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the first reply per replied-to message id.</summary>
    public IReadOnlyDictionary<long, long> FirstReplyAt => _firstReplyAt;

    /// <summary>The replicas (1-based, by the port they called) that replied, per replied-to message id, in order.</summary>
    public IReadOnlyDictionary<long, ConcurrentQueue<int>> Senders => _senders;

    public int SetWebhookCalls => Calls.Count(c => c.Method == "setWebhook");

    private void CountReply(JsonObject parameters, int replica)
    {
        if (parameters["reply_parameters"] is not JsonObject reply || reply["message_id"] is not JsonValue id || !id.TryGetValue<long>(out var replyTo))
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        _replies.AddOrUpdate(replyTo, 1, (_, n) => n + 1);
        _firstReplyAt.TryAdd(replyTo, now);
        _senders.GetOrAdd(replyTo, _ => new ConcurrentQueue<int>()).Enqueue(replica);
    }

    private static int IndexOf(IReadOnlyList<int> ports, int port)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] == port)
            {
                return i;
            }
        }
        return -1;
    }
}
