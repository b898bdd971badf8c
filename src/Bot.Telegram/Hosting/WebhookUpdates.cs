using Bot.Telegram.State;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Webhook mode: Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>, where the
/// <see cref="WebhookEndpoint"/> claims each in PostgreSQL and hands it on. This source registers the webhook (with
/// the secret and the update types the bot handles) and, every third of a lease, renews this replica's claims and
/// takes over the expired claims of replicas that died. On stop it gives back the claims still waiting.
/// </summary>
internal sealed class WebhookUpdates(
    ITelegramBotClient bot,
    ClaimKeeper keeper,
    WebhookHealth health,
    IOptions<TelegramOptions> options) : IUpdateSource
{
    /// <summary>The update types the bot handles (asked for by getUpdates and setWebhook alike).</summary>
    internal static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.EditedChannelPost];

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ConnectAsync(CancellationToken cancellationToken) =>
        bot.SetWebhook(options.Value.WebhookUrl!, maxConnections: options.Value.WebhookMaxConnections, allowedUpdates: Wanted,
            secretToken: options.Value.WebhookSecret, cancellationToken: cancellationToken);

    public void Succeeded(DateTimeOffset at) => health.Registered(at);

    public void Failed(string reason) => health.Failed(reason);

    public void Stopping() => health.Stopping();

    public Task ReceiveAsync(UpdateHandOff handOff, CancellationToken stoppingToken) =>
        keeper.KeepAsync(handOff, health.Swept, health.Failed, stoppingToken);

    public Task FinishAsync(CancellationToken cancellationToken) => keeper.ReleaseAsync(cancellationToken);
}
