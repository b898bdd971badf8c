using Microsoft.Extensions.Hosting;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Why the worker stopped, when it was not asked to: the first fatal cause wins, the host is stopped, and the host
/// runner turns it into the process exit code and one log line (see <see cref="TelegramWorkerHost"/>).
/// </summary>
internal sealed class WorkerExit(IHostApplicationLifetime lifetime)
{
    /// <summary>A fatal runtime failure (state database, articles folder, folder watcher, …): systemd restarts it.</summary>
    public const int Failure = 1;

    /// <summary>The token is missing or Telegram rejected it: restarting cannot help.</summary>
    public const int BadToken = 2;

    /// <summary>Another process is polling with the same token (HTTP 409 from getUpdates).</summary>
    public const int Conflict = 3;

    private readonly Lock _lock = new();

    public int Code { get; private set; }

    public string? Cause { get; private set; }

    public void Fail(int code, string cause)
    {
        lock (_lock)
        {
            if (Code == 0)
            {
                Code = code;
                Cause = cause;
            }
        }
        lifetime.StopApplication();
    }
}
