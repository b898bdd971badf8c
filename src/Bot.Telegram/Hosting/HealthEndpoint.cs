using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Hosting;

/// <summary><c>Health</c> section: the HTTP health endpoint, off unless a port is set.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Port of <c>GET /health</c> (200 healthy, 503 unhealthy, JSON body); 0 = no endpoint.</summary>
    public int Port { get; set; }

    /// <summary>Host name to listen on: <c>localhost</c>, or <c>+</c> for every interface (containers).</summary>
    public string Host { get; set; } = "localhost";
}

/// <summary>Serves the registered health checks (polling, index) as <c>GET /health</c> on <see cref="HealthOptions.Port"/>.</summary>
internal sealed partial class HealthEndpoint(HealthCheckService checks, IOptions<HealthOptions> options, ILogger<HealthEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Port <= 0)
        {
            return;
        }
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{options.Value.Host}:{options.Value.Port}/");
        listener.Start();
        LogListening(options.Value.Host, options.Value.Port);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                break;
            }
            await RespondAsync(context, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RespondAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath.TrimEnd('/') is not ("/health" or ""))
        {
            response.StatusCode = 404;
            return;
        }
        var report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
        response.StatusCode = report.Status == HealthStatus.Healthy ? 200 : 503;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentEncoding = Encoding.UTF8;
        await response.OutputStream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint: http://{Host}:{Port}/health")]
    private partial void LogListening(string host, int port);
}
