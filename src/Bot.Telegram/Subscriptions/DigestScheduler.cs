using System.Globalization;
using Bot.Core.Sources;
using Bot.Core.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// Sends the day's digest to each subscriber once the hour (<see cref="DigestScheduleOptions.Hour"/>) has come in the
/// subscriber's time zone. Every minute it asks the store who has not had that day's digest yet, so a worker that
/// was down at the hour, or stopped halfway through, sends the rest when it comes back and repeats nobody (the
/// claims in <see cref="SubscriptionSender"/>). With several replicas only the one holding the feed-polling turn
/// sends, so the broadcast rate is counted once; the claims would keep a second sender from repeating a digest anyway.
/// </summary>
internal sealed partial class DigestScheduler(
    ISubscriptionStore store,
    ISubscriptionDigest digests,
    SubscriptionSender sender,
    IFeedPollingLeader leader,
    IOptions<DigestScheduleOptions> options,
    TimeProvider clock,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    /// <summary>How long a built digest is reused (the next zone's subscribers, the next pass) before it is built again.</summary>
    private static readonly TimeSpan DigestReusedFor = TimeSpan.FromMinutes(10);

    private volatile Built? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leader.HoldsAsync(stoppingToken).ConfigureAwait(false))
                {
                    await RunDueAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) // The worker's loop boundary: one bad pass must not end the digests for good.
            {
                LogPassFailed(ex);
            }
            // Wake at the next whole minute: the hour is met within a minute of its start.
            var now = clock.GetUtcNow();
            var wait = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute);
            try
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: every zone whose hour has come, every subscriber there not served today; how many were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var zoneId in await store.DigestTimeZonesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!TimeZones.TryFind(zoneId, out var zone))
            {
                LogUnknownZone(zoneId);
                continue;
            }
            var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
            if (local.Hour < options.Value.Hour)
            {
                continue;
            }
            var day = DateOnly.FromDateTime(local.DateTime);
            var item = ItemOf(day);
            var due = await store.DigestsDueAsync(zoneId, item, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                continue;
            }
            if (await DigestOfAsync(day, cancellationToken).ConfigureAwait(false) is not { } digest)
            {
                continue; // No articles that day yet: the next passes look again.
            }
            var count = await sender.SendAsync(due, item, SubscriptionMessages.Digest(digest), cancellationToken).ConfigureAwait(false);
            LogSent(day, zoneId, count, due.Count);
            sent += count;
        }
        return sent;
    }

    /// <summary>The delivery a digest is claimed under: one per chat and day.</summary>
    internal static string ItemOf(DateOnly day) => "digest:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<DayDigest?> DigestOfAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (_last is { } last && last.Day == day && clock.GetUtcNow() - last.BuiltAt < DigestReusedFor)
        {
            return last.Digest;
        }
        var digest = await digests.ForDayAsync(day, cancellationToken).ConfigureAwait(false);
        _last = new Built(day, digest, clock.GetUtcNow());
        if (digest is null)
        {
            LogNothingToSend(day);
        }
        return digest;
    }

    private sealed record Built(DateOnly Day, DayDigest? Digest, DateTimeOffset BuiltAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A digest pass failed; trying again in a minute")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest subscribers in unknown time zone {Zone} are skipped")]
    private partial void LogUnknownZone(string zone);

    [LoggerMessage(Level = LogLevel.Information, Message = "No articles on {Day} for the digest yet; looking again in a few minutes")]
    private partial void LogNothingToSend(DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of {Day} sent to {Sent} of {Due} subscribers in {Zone}")]
    private partial void LogSent(DateOnly day, string zone, int sent, int due);
}
