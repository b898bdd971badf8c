using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

public sealed partial class FakeBotApi
{
    /// <summary>Takes the queued updates out of getUpdates, for delivery by webhook instead.</summary>
    public IReadOnlyList<JsonObject> TakeQueued()
    {
        lock (_lock)
        {
            var taken = _updates.ToList();
            _updates.Clear();
            return taken;
        }
    }
}
