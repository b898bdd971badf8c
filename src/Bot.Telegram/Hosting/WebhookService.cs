using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Core.Search;
using Bot.Telegram.Handling;
using Bot.Telegram.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Hosting;

/// <summary>
/// Webhook mode: Kestrel on <see cref="TelegramOptions.WebhookListen"/> serves the webhook (the path of
/// <see cref="TelegramOptions.WebhookUrl"/>), <c>/healthz</c> (the process answers) and <c>/readyz</c> (the health
/// checks: database, index, webhook registered). A delivery with a wrong or missing secret gets 401 and nothing
/// else happens; otherwise the update is claimed in PostgreSQL and answered 200 at once: the claimant handles it in
/// the background through the <see cref="UpdatePipeline"/>, any other delivery of it (a Telegram retry, another
/// replica) finds it claimed and does nothing. Every third of a lease this replica renews its claims and takes over
/// the expired claims of replicas that died. On start it registers the webhook with the secret and the update types
/// the bot handles; on stop it stops listening, lets running answers finish and gives back the claims still waiting.
/// </summary>
internal sealed partial class WebhookService(
    ITelegramBotClient bot,
    UpdatePipeline pipeline,
    IUpdateClaims claims,
    IArticleCatalog catalog,
    BotIdentity identity,
    WebhookHealth health,
    HealthCheckService checks,
    BotMetrics metrics,
    WorkerExit exit,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<WebhookService> logger) : BackgroundService
{
    internal const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    internal static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage, UpdateType.ChannelPost, UpdateType.EditedChannelPost];

    private WebApplication? _app;

    /// <summary>The address Kestrel listens on once started (the port when 0 was asked for).</summary>
    public string? ListeningOn { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty builder: no configuration files of its own to watch (the worker's host already has them).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(options.Value.WebhookListen);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        _app = builder.Build();
        var path = new Uri(options.Value.WebhookUrl!).AbsolutePath;
        _app.MapPost(path, (Delegate)ReceiveAsync);
        _app.MapGet("/healthz", () => Results.Text("ok"));
        _app.MapGet("/readyz", (Delegate)ReadyAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        ListeningOn = _app.Urls.First();
        LogListening(ListeningOn, path);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueue(() => pipeline.Count);
        if (!await RegisterWithRetriesAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        var period = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds) / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stoppingToken).ConfigureAwait(false);
                await claims.RenewAsync(stoppingToken).ConfigureAwait(false);
                var room = options.Value.MaxUpdatesInMemory - pipeline.Count;
                if (room > 0)
                {
                    var orphans = await claims.TakeOverExpiredAsync(room, stoppingToken).ConfigureAwait(false);
                    if (orphans.Count > 0)
                    {
                        LogTakenOver(orphans.Count);
                    }
                    foreach (var update in orphans)
                    {
                        pipeline.Dispatch(update);
                    }
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        health.Stopping();
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await pipeline.DrainAsync().ConfigureAwait(false);
        try
        {
            await claims.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            LogSweepFailed(ex); // The leases run out by themselves; another replica takes them over then.
        }
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString()))
        {
            return Results.Unauthorized();
        }
        if (!health.Ready || pipeline.Stopping || pipeline.Count >= options.Value.MaxUpdatesInMemory)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // Telegram delivers it again later.
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
                metrics.Received(1);
                pipeline.Dispatch(update);
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

    private async Task<IResult> ReadyAsync(HttpContext context)
    {
        var report = await checks.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            },
            statusCode: report.Status == HealthStatus.Healthy ? 200 : 503);
    }

    private bool SecretMatches(string received) =>
        received.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(options.Value.WebhookSecret!));

    /// <summary>Learns the bot's name, registers the command menu and the webhook, retrying while Telegram is unreachable.</summary>
    private async Task<bool> RegisterWithRetriesAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var me = await bot.GetMe(stoppingToken).ConfigureAwait(false);
                identity.Id = me.Id;
                identity.Username = me.Username ?? string.Empty;
                await bot.SetMyCommands(
                    CommandHandler.Menu.Select(c => new BotCommand { Command = c.Command, Description = c.Description }),
                    cancellationToken: stoppingToken).ConfigureAwait(false);
                var articles = await catalog.CountAsync(stoppingToken).ConfigureAwait(false);
                await bot.SetWebhook(options.Value.WebhookUrl!, maxConnections: options.Value.WebhookMaxConnections, allowedUpdates: Wanted,
                    secretToken: options.Value.WebhookSecret, cancellationToken: stoppingToken).ConfigureAwait(false);
                health.Registered(clock.GetUtcNow());
                LogStarted(identity.Username, articles);
                return true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                exit.Fail(StopReason.TokenRejected, PollingService.RejectedTokenMessage);
                return false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException or ApiRequestException)
            {
                health.Failed(ex.Message);
                LogRegisterFailed(ex.Message, pause.TotalSeconds);
                try
                {
                    await Task.Delay(pause, clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint listening on {Address} (path {Path}, /healthz, /readyz)")]
    private partial void LogListening(string address, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{Username} receives updates by webhook ({Articles} articles)")]
    private partial void LogStarted(string username, int articles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the webhook failed ({Reason}); retrying in {Seconds} s")]
    private partial void LogRegisterFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} updates whose replica stopped renewing its claim")]
    private partial void LogTakenOver(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing or taking over claims failed")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} could not be claimed; Telegram will deliver it again")]
    private partial void LogClaimFailed(Exception exception, int updateId);
}
