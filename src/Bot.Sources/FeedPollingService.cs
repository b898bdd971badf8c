using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Sources;

/// <summary>
/// For long-running hosts (the Telegram worker): polls each configured feed on its own schedule, and sleeps until
/// the next one is due (at most a minute, so a restart or a clock change is noticed). An unexpected failure is
/// logged and the loop goes on after a pause. With several replicas only the one holding the turn polls
/// (<see cref="IFeedPollingLeader"/>).
/// </summary>
internal sealed partial class FeedPollingService(
    IFeedIngestion feeds, IFeedPollingLeader leader, TimeProvider clock, ILogger<FeedPollingService> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                // Another replica polls for everyone; this one asks again after the longest sleep.
                var next = await leader.HoldsAsync(stoppingToken).ConfigureAwait(false)
                    ? await feeds.PollDueAsync(stoppingToken).ConfigureAwait(false)
                    : DateTimeOffset.MaxValue;
                var wait = next == DateTimeOffset.MaxValue ? LongestSleep : next - clock.GetUtcNow();
                sleep = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestSleep ? LongestSleep : wait;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) // The worker's loop boundary: one bad pass must not end polling for good.
            {
                LogPassFailed(ex);
                sleep = LongestSleep;
            }
            try
            {
                await Task.Delay(sleep, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A feed polling pass failed; trying again in a minute")]
    private partial void LogPassFailed(Exception exception);
}
