using Bot.Core.State;
using Bot.Core.State.Postgres;
using Bot.Telegram.Handling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Telegram.State;

/// <summary>
/// The per-user limit shared by every replica: one row per user and minute in <c>telegram_request_counts</c>, counted
/// with one upsert, so a user gets <see cref="TelegramOptions.RateLimitPerMinute"/> requests a minute in all, whichever
/// replica nginx sends them to. If the database cannot be reached the replica counts in memory instead
/// (<see cref="RequestLimits"/>) and says so once: a limit must never make the bot deaf.
/// </summary>
internal sealed partial class PostgresRequestLimits(
    PostgresDatabase database, RequestLimits local, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<PostgresRequestLimits> logger)
    : IRequestLimits, IExpiringState
{
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private int _failing;

    public async ValueTask<RateDecision> TryAcquireAsync(long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);
        int requests;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command(
                """
                INSERT INTO telegram_request_counts (user_id, window_start, requests) VALUES (@u, @w, 1)
                ON CONFLICT (user_id, window_start) DO UPDATE SET requests = telegram_request_counts.requests + 1
                RETURNING requests
                """,
                ("u", userId), ("w", windowStart));
            requests = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogShared();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogLocal(ex.Message);
            }
            return local.TryAcquire(userId);
        }

        var limit = options.Value.RateLimitPerMinute;
        return requests <= limit ? RateDecision.Allow : requests == limit + 1 ? RateDecision.Warn : RateDecision.Drop;
    }

    public bool ShouldRefuse(long chatId) => local.ShouldRefuse(chatId);

    /// <summary>Counts of windows before the last one are never read again.</summary>
    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM telegram_request_counts WHERE window_start < @cutoff", cancellationToken,
            ("cutoff", windowStart - Window)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared request counts are unreachable ({Reason}); counting each user's requests on this replica until they are back")]
    private partial void LogLocal(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The shared request counts are reachable again")]
    private partial void LogShared();
}
