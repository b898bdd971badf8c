using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Where updates come from: the one thing in which polling and webhook differ. The <see cref="UpdateReceiver"/> does
/// the rest the same way for both: introduce the bot, retry while Telegram is unreachable, hand updates to the
/// <see cref="UpdatePipeline"/>, let running answers finish on stop.
/// </summary>
internal interface IUpdateSource
{
    /// <summary>Before the bot introduces itself (polling drops a webhook left from webhook mode).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Once the bot is known and its index open: tells Telegram where updates go (webhook mode registers itself).</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Receives until the worker stops (or must stop: see <see cref="WorkerExit"/>), handing updates on.</summary>
    Task ReceiveAsync(UpdateHandOff handOff, CancellationToken stoppingToken);

    /// <summary>After the running answers finished: what was received is confirmed or given back.</summary>
    Task FinishAsync(CancellationToken cancellationToken);

    /// <summary>For the health check: Telegram answered.</summary>
    void Succeeded(DateTimeOffset at);

    /// <summary>For the health check: why talking to Telegram (or the store) failed.</summary>
    void Failed(string reason);

    /// <summary>The worker begins to stop: nothing new should be accepted.</summary>
    void Stopping();
}

/// <summary>Hands updates to the pipeline, counting those that arrived just now (not the ones resumed or taken over).</summary>
internal sealed class UpdateHandOff(UpdatePipeline pipeline, BotMetrics metrics)
{
    public int Count => pipeline.Count;

    public bool Stopping => pipeline.Stopping;

    public Task<int> WaitForRoomAsync(CancellationToken cancellationToken) => pipeline.WaitForRoomAsync(cancellationToken);

    public void Received(IReadOnlyCollection<Update> updates)
    {
        metrics.Received(updates.Count);
        Resume(updates);
    }

    public void Resume(IEnumerable<Update> updates)
    {
        foreach (var update in updates)
        {
            pipeline.Dispatch(update);
        }
    }
}
