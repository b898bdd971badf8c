using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.Telegram;

/// <summary>How a call can fail after Telegram has read it, so that it may have acted on it.</summary>
internal enum CallFault
{
    /// <summary>The connection is dropped before any answer.</summary>
    DropConnection,

    /// <summary>No answer ever comes: the bot's own timeout ends the call.</summary>
    NeverAnswer,
}

internal sealed partial class FakeBotApi
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<CallFault>> _faults = new();

    /// <summary>The next call of a method is read and recorded (Telegram acted on it), then fails as said.</summary>
    public void FaultNext(string method, CallFault fault) =>
        _faults.GetOrAdd(method, _ => new ConcurrentQueue<CallFault>()).Enqueue(fault);

    /// <returns>True when the call was failed here and nothing more must be written.</returns>
    private async Task<bool> TryFaultAsync(HttpContext context, string method)
    {
        if (!_faults.TryGetValue(method, out var queue) || !queue.TryDequeue(out var fault))
        {
            return false;
        }
        if (fault == CallFault.NeverAnswer)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bot gave up waiting.
            }
        }
        context.Abort();
        return true;
    }
}
