using System.CommandLine;
using Bot.Core.Sources;
using Bot.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Cli.Commands;

/// <summary>No command: run the Telegram bot as a hosted worker until Ctrl+C or SIGTERM.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var builder = BotHost.CreateWebBuilder(global.Overrides(parse, quietLevel: LogLevel.Information) with { Urls = parse.GetValue(global.Urls) });
            builder.Services.AddFeedPolling();
            builder.AddBotTelemetry();
            return await WorkerHost.RunAsync(builder, error, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return CliRunner.UsageError;
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // The worker's outermost boundary.
        {
            await error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return CliRunner.Failure;
        }
    }
}
