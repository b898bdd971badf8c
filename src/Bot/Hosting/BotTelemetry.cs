using Bot.Telegram.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Hosting;

/// <summary><c>OpenTelemetry</c> section: where the worker's metrics and traces go (nowhere unless an endpoint is set).</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>OTLP collector, e.g. <c>http://localhost:4317</c>; empty = no export. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
    public string Protocol { get; set; } = "grpc";

    public string ServiceName { get; set; } = "arabic-qa-bot";
}

/// <summary>
/// Exports the meter and activity source <c>Bot</c> (updates, answer latency, model calls, fallbacks, 429s, queue
/// length) over OTLP when an endpoint is configured. The meter exists either way (dotnet-counters can read it).
/// </summary>
internal static class BotTelemetry
{
    /// <returns>True when an exporter was configured.</returns>
    public static bool AddBotTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] : options.OtlpEndpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return false;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new OptionsValidationException(TelemetryOptions.SectionName, typeof(TelemetryOptions),
                [$"OpenTelemetry:OtlpEndpoint must be an absolute http(s) URL (got '{endpoint}')."]);
        }
        var protocol = options.Protocol.Equals("http", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(BotDiagnostics.Name))
            .WithTracing(tracing => tracing.AddSource(BotDiagnostics.Name))
            .UseOtlpExporter(protocol, uri);
        return true;
    }
}
