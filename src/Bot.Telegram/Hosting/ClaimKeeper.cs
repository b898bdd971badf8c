using System.Data.Common;
using Bot.Telegram.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Hosting;

/// <summary>
/// With the shared store, in both modes: every third of a lease renews this process's claims and runs the updates
/// whose owner died (their lease ran out), such as those of a previous process still stopping when this one started;
/// on stop gives back the claims still waiting, so the next process takes them at once instead of after their lease.
/// With the embedded store the claims are <see cref="NoUpdateClaims"/> and this does nothing.
/// </summary>
internal sealed partial class ClaimKeeper(
    IUpdateClaims claims, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<ClaimKeeper> logger)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled; a failed pass is reported and tried again at the next.</summary>
    public async Task KeepAsync(UpdateHandOff handOff, Action swept, Action<string> failed, CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds) / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stoppingToken).ConfigureAwait(false);
                await claims.RenewAsync(stoppingToken).ConfigureAwait(false);
                var room = options.Value.MaxUpdatesInMemory - handOff.Count;
                if (room > 0)
                {
                    var orphans = await claims.TakeOverExpiredAsync(room, stoppingToken).ConfigureAwait(false);
                    if (orphans.Count > 0)
                    {
                        LogTakenOver(orphans.Count);
                    }
                    handOff.Resume(orphans);
                }
                swept();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbException or TimeoutException)
            {
                failed($"the database: {ex.Message}");
                LogSweepFailed(ex);
            }
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReleaseTimeout);
            await claims.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or TimeoutException)
        {
            LogSweepFailed(ex); // The leases run out by themselves; another process takes them over then.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} updates whose owner stopped renewing its claim")]
    private partial void LogTakenOver(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing, taking over or giving back update claims failed")]
    private partial void LogSweepFailed(Exception exception);
}
