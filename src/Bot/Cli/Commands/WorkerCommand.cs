using System.CommandLine;
using Bot.Hosting;

namespace Bot.Cli.Commands;

/// <summary>No command: run the Telegram bot as a hosted worker until Ctrl+C or SIGTERM.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken)
    {
        var builder = BotHost.CreateBuilder(global.Overrides(parse, quietLevel: Microsoft.Extensions.Logging.LogLevel.Information));
        await Task.Yield();
        _ = builder;
        await parse.InvocationConfiguration.Error.WriteLineAsync("WORKER-HOOK").ConfigureAwait(false);
        return CliRunner.UsageError;
    }
}
