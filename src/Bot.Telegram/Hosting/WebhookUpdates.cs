using Bot.Telegram.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Webhook mode: Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>, where the
/// <see cref="WebhookEndpoint"/> claims each in PostgreSQL and hands it on. This source registers the webhook (with
/// the secret and the update types the bot handles) and, every third of a lease, renews this replica's claims and
/// takes over the expired claims of replicas that died. On stop it gives back the claims still waiting.
/// </summary>
internal sealed partial class WebhookUpdates(
    ITelegramBotClient bot,
    IUpdateClaims claims,
    WebhookHealth health,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<WebhookUpdates> logger) : IUpdateSource
{
    /// <summary>The update types the bot handles (asked for by getUpdates and setWebhook alike).</summary>
    internal static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.EditedChannelPost];

    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ConnectAsync(CancellationToken cancellationToken) =>
        bot.SetWebhook(options.Value.WebhookUrl!, maxConnections: options.Value.WebhookMaxConnections, allowedUpdates: Wanted,
            secretToken: options.Value.WebhookSecret, cancellationToken: cancellationToken);

    public void Succeeded(DateTimeOffset at) => health.Registered(at);

    public void Failed(string reason) => health.Failed(reason);

    public void Stopping() => health.Stopping();

    public async Task ReceiveAsync(UpdateHandOff handOff, CancellationToken stoppingToken)
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
                health.Swept();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                health.Failed($"the database: {ex.Message}");
                LogSweepFailed(ex);
            }
        }
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReleaseTimeout);
            await claims.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            LogSweepFailed(ex); // The leases run out by themselves; another replica takes them over then.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} updates whose replica stopped renewing its claim")]
    private partial void LogTakenOver(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing, taking over or giving back claims failed")]
    private partial void LogSweepFailed(Exception exception);
}
