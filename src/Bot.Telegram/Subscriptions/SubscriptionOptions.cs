using Microsoft.Extensions.Options;

namespace Bot.Telegram.Subscriptions;

/// <summary><c>Digest</c> section: when subscribers get the day's digest.</summary>
internal sealed class DigestScheduleOptions
{
    public const string SectionName = "Digest";

    /// <summary>The hour (0–23, the subscriber's local time) the day's digest is sent at.</summary>
    public int Hour { get; set; } = 20;

    /// <summary>The time zone of a new digest subscription (IANA id) unless the chat names another: «/subscribe Africa/Cairo».</summary>
    public string TimeZone { get; set; } = "Asia/Riyadh";
}

/// <summary><c>Subscriptions</c> section: how subscription messages are sent.</summary>
internal sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>
    /// Digests and alerts per second, below Telegram's 30 overall so that replies still get through during a broadcast.
    /// With several replicas only one sends the digests (the one holding the feed-polling turn).
    /// </summary>
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>Messages in flight at once (Telegram answers in ~0.1–0.3 s: one at a time would not reach the rate).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Keyword subscriptions one chat may hold.</summary>
    public int MaxKeywordsPerChat { get; set; } = 10;
}

internal sealed class DigestScheduleOptionsValidator : IValidateOptions<DigestScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestScheduleOptions options)
    {
        if (options.Hour is < 0 or > 23)
        {
            return ValidateOptionsResult.Fail("Digest:Hour must be between 0 and 23.");
        }
        return TimeZones.TryFind(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Digest:TimeZone «{options.TimeZone}» is not a time zone known here (an IANA id such as Asia/Riyadh).");
    }
}

internal sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionOptions options) => options switch
    {
        { MessagesPerSecond: < 1 or > 30 } => ValidateOptionsResult.Fail("Subscriptions:MessagesPerSecond must be between 1 and 30 (Telegram's limit)."),
        { Concurrency: < 1 or > 64 } => ValidateOptionsResult.Fail("Subscriptions:Concurrency must be between 1 and 64."),
        { MaxKeywordsPerChat: < 1 or > 100 } => ValidateOptionsResult.Fail("Subscriptions:MaxKeywordsPerChat must be between 1 and 100."),
        _ => ValidateOptionsResult.Success,
    };
}

/// <summary>IANA time zones, looked up without throwing.</summary>
internal static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
