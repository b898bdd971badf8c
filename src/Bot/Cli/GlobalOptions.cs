using System.CommandLine;
using Bot.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Cli;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable JSON on standard output (logs stay on standard error)",
        Recursive = true,
    };

    public Option<string?> Corpus { get; } = new("--corpus")
    {
        Description = "Folder of articles (overrides Corpus:Path)",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string?> Index { get; } = new("--index")
    {
        Description = "Folder for the index and state (overrides Index:Path)",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> Offline { get; } = new("--offline")
    {
        Description = "Never call a language model, even when Llm:Endpoint is set",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show informational logs on standard error",
        Recursive = true,
    };

    /// <summary>The standard ASP.NET Core option (as <c>ASPNETCORE_URLS</c>), for the worker only.</summary>
    public Option<string?> Urls { get; } = new("--urls")
    {
        Description = "Where the worker listens (webhook, /healthz, /readyz, /health), e.g. http://0.0.0.0:8080; same as ASPNETCORE_URLS",
        HelpName = "URLS",
    };

    public IEnumerable<Option> All => [Json, Corpus, Index, Offline, Verbose];

    public HostOverrides Overrides(ParseResult result, LogLevel quietLevel = LogLevel.Warning) => new(
        result.GetValue(Corpus),
        result.GetValue(Index),
        result.GetValue(Offline),
        result.GetValue(Verbose) ? LogLevel.Information : quietLevel);
}
