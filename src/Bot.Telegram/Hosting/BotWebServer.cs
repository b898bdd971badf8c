using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Hosting;

/// <summary>
/// The worker's one web server (the application host's own Kestrel): the webhook in webhook mode, <c>/healthz</c>
/// (the process answers), <c>/readyz</c> and <c>/health</c> (every health check, JSON, 200 or 503). It listens where
/// the standard <c>urls</c> setting says (<c>ASPNETCORE_URLS</c>, <c>--urls</c>); without it, where the older keys
/// say (<see cref="TelegramOptions.WebhookListen"/> in webhook mode, <see cref="HealthOptions.Port"/>); without
/// those, on <c>ASPNETCORE_HTTP_PORTS</c> when set; otherwise nowhere (polling needs no port).
/// </summary>
public static class BotWebServer
{
    /// <summary>The standard host setting read from <c>ASPNETCORE_URLS</c> and <c>--urls</c>.</summary>
    public const string UrlsKey = "urls";

    /// <summary>Chooses where to listen, adding Kestrel when there is somewhere (and no server at all otherwise).</summary>
    public static WebApplicationBuilder UseBotWebServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddRoutingCore();
        var addresses = ListenAddresses(builder.Configuration);
        if (addresses is null)
        {
            builder.Services.RemoveAll<IServer>();
            builder.Services.AddSingleton<IServer, NoHttpServer>();
            return builder;
        }
        if (!builder.Services.Any(d => d.ServiceType == typeof(IServer)))
        {
            builder.WebHost.UseKestrelCore(); // An empty builder (tests) has no server yet.
        }
        if (addresses.Count > 0)
        {
            builder.WebHost.UseUrls([.. addresses]);
        }
        return builder;
    }

    /// <summary>Where to listen: a list, empty when Kestrel finds the ports itself (<c>ASPNETCORE_HTTP_PORTS</c>), null for nowhere.</summary>
    public static IReadOnlyList<string>? ListenAddresses(IConfiguration configuration)
    {
        if (Split(configuration[UrlsKey]) is { Count: > 0 } urls)
        {
            return urls;
        }
        var aliases = new List<string>();
        if (Enum.TryParse<TelegramMode>(configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.Mode)}"], ignoreCase: true, out var mode)
            && mode == TelegramMode.Webhook)
        {
            aliases.Add(configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.WebhookListen)}"] is { Length: > 0 } listen
                ? listen : new TelegramOptions().WebhookListen);
        }
        var health = configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
        if (health.Port > 0)
        {
            aliases.Add($"http://{health.Host}:{health.Port}");
        }
        if (aliases.Count > 0)
        {
            return aliases;
        }
        return configuration["http_ports"] is { Length: > 0 } || configuration["https_ports"] is { Length: > 0 } ? [] : null;
    }

    /// <summary>The webhook (in webhook mode), <c>/healthz</c>, <c>/readyz</c> and <c>/health</c>.</summary>
    public static WebApplication MapTelegramEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<WebhookEndpoint>() is { } webhook)
        {
            app.MapPost(webhook.Path, (Delegate)webhook.ReceiveAsync);
        }
        app.MapGet("/healthz", () => Results.Text("ok"));
        var report = new HealthCheckOptions
        {
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        };
        app.MapHealthChecks("/readyz", report);
        app.MapHealthChecks("/health", report);
        return app;
    }

    /// <summary>The addresses the server listens on once started (with the port chosen when 0 was asked for).</summary>
    public static IReadOnlyCollection<string> Addresses(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static List<string> Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static Task WriteReportAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web);

    /// <summary>The server of a worker that listens nowhere: polling without health endpoints.</summary>
    private sealed class NoHttpServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
