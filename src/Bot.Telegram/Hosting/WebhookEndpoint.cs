using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Telegram.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>
/// The webhook (the path of <see cref="TelegramOptions.WebhookUrl"/>). A delivery with a wrong or missing secret
/// gets 401 and nothing else happens; otherwise the update is claimed in PostgreSQL and answered 200 at once: the
/// claimant handles it in the background, any other delivery of it (a Telegram retry, another replica) finds it
/// claimed and does nothing. While the replica is not ready, stopping or full it answers 503: Telegram delivers again.
/// </summary>
internal sealed partial class WebhookEndpoint(
    IUpdateClaims claims,
    UpdateHandOff handOff,
    WebhookHealth health,
    IOptions<TelegramOptions> options,
    ILogger<WebhookEndpoint> logger)
{
    internal const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public string Path => new Uri(options.Value.WebhookUrl!).AbsolutePath;

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString()))
        {
            return Results.Unauthorized();
        }
        if (!health.Ready || handOff.Stopping || handOff.Count >= options.Value.MaxUpdatesInMemory)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (update is null)
        {
            return Results.BadRequest();
        }
        try
        {
            if (await claims.TryClaimAsync(update, CancellationToken.None).ConfigureAwait(false))
            {
                handOff.Received([update]);
            }
            return Results.Ok();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            health.Failed($"the database: {ex.Message}");
            LogClaimFailed(ex, update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private bool SecretMatches(string received) =>
        received.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(options.Value.WebhookSecret!));

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} could not be claimed; Telegram will deliver it again")]
    private partial void LogClaimFailed(Exception exception, int updateId);
}
