using Bot.Core;
using Bot.Llm;
using Bot.Telegram.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>Command-line overrides that win over appsettings.json and the environment.</summary>
internal sealed record HostOverrides(string? CorpusPath = null, string? IndexPath = null, bool Offline = false, LogLevel? MinimumLogLevel = null, string? Urls = null);

/// <summary>
/// Builds the application host: configuration from appsettings.json (found in the working folder or beside the
/// program), user secrets, environment variables (<c>Corpus__Path=…</c>) and command-line overrides, logs on
/// standard error, and the article pipeline.
/// </summary>
internal static class BotHost
{
    public const string SettingsFile = "appsettings.json";

    public static HostApplicationBuilder CreateBuilder(HostOverrides overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = FindContentRoot(),
            Args = [],
        });
        Configure(builder, overrides);
        return builder;
    }

    /// <summary>
    /// The worker's host: the same configuration on an ASP.NET Core host, which also reads the standard web settings
    /// (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, the <c>Kestrel</c> section; <c>--urls</c> comes in through <see cref="HostOverrides.Urls"/>).
    /// </summary>
    public static WebApplicationBuilder CreateWebBuilder(HostOverrides overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = FindContentRoot(),
            Args = [],
        });
        Configure(builder, overrides);
        return builder;
    }

    private static void Configure(IHostApplicationBuilder builder, HostOverrides overrides)
    {
        // Secrets may live in user-secrets in any environment; the environment still wins over them.
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        var commandLine = new Dictionary<string, string?>();
        if (overrides.CorpusPath is { } corpus)
        {
            commandLine["Corpus:Path"] = Path.GetFullPath(corpus);
        }
        if (overrides.IndexPath is { } index)
        {
            commandLine["Index:Path"] = Path.GetFullPath(index);
        }
        if (overrides.Urls is { } urls)
        {
            commandLine[BotWebServer.UrlsKey] = urls;
        }
        builder.Configuration.AddInMemoryCollection(commandLine);

        // Standard output belongs to answers and JSON; every log line goes to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (overrides.MinimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
            builder.Logging.AddFilter("Bot", level);
        }

        builder.Services.AddArticleQa(builder.Configuration);
        builder.Services.AddLlm(builder.Configuration, overrides.Offline);
    }

    /// <summary>The folder holding appsettings.json: the working folder or one of its parents, else beside the program.</summary>
    internal static string FindContentRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SettingsFile)))
                {
                    return folder.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
