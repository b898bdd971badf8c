using System.ComponentModel.DataAnnotations;

namespace Bot.Telegram.Hosting;

/// <summary>
/// <c>Health</c> section: an alias kept for existing deployments. A port here makes the worker listen on
/// <c>http://{Host}:{Port}</c> (health endpoints and, in webhook mode, the webhook) unless the standard
/// <c>ASPNETCORE_URLS</c> or <c>--urls</c> says where to listen.
/// </summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>0 = no listening on its account.</summary>
    [Range(0, 65535, ErrorMessage = "Health:Port must be between 0 (off) and 65535.")]
    public int Port { get; set; }

    /// <summary>Host name to listen on: <c>localhost</c>, or <c>+</c> for every interface (containers).</summary>
    public string Host { get; set; } = "localhost";
}
