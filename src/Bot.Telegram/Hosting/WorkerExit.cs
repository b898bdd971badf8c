using Microsoft.Extensions.Hosting;

namespace Bot.Telegram.Hosting;

/// <summary>Why the worker stopped on its own.</summary>
public enum StopReason
{
    /// <summary>It did not: it was asked to stop (Ctrl+C, SIGTERM).</summary>
    None,

    /// <summary>A fatal runtime failure: state database, articles folder, a failed background service.</summary>
    Fatal,

    /// <summary>Telegram rejected the token: restarting cannot help.</summary>
    TokenRejected,

    /// <summary>Another process polls with the same token (HTTP 409 from getUpdates beyond the grace period).</summary>
    AnotherInstance,
}

/// <summary>
/// Why the worker stopped, when it was not asked to: the first cause wins and the host is stopped. The application
/// host turns the reason into the process exit code and one log line; this project knows no exit codes.
/// </summary>
public sealed class WorkerExit(IHostApplicationLifetime lifetime)
{
    private readonly Lock _lock = new();

    public StopReason Reason { get; private set; }

    public string? Cause { get; private set; }

    public void Fail(StopReason reason, string cause)
    {
        lock (_lock)
        {
            if (Reason == StopReason.None)
            {
                Reason = reason;
                Cause = cause;
            }
        }
        lifetime.StopApplication();
    }
}
