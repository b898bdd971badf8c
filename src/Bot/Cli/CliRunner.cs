using System.CommandLine;
using Bot.Cli.Output;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Cli;

/// <summary>What a command needs: the started application's services and where to write.</summary>
internal sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, bool Json)
{
    public ArabicConsole Console { get; } = new(Out);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public void WriteJson<T>(T value) => Out.WriteLine(CliJson.Serialize(value));
}

/// <summary>
/// Runs one command inside a started host and turns failures into clear messages and exit codes:
/// 0 success, 1 runtime failure, 2 invalid configuration, 130 cancelled. Never a stack trace unless --verbose.
/// </summary>
internal static class CliRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions global, Func<CliContext, CancellationToken, Task<int>> command, CancellationToken cancellationToken,
        HostOverrides? overrides = null)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var host = BotHost.CreateBuilder(overrides ?? global.Overrides(parse)).Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await command(new CliContext(host.Services, output, error, parse.GetValue(global.Json)), cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception ex) // The command line's outermost boundary: report, never crash with a trace.
        {
            await error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            if (parse.GetValue(global.Verbose))
            {
                await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            return Failure;
        }
    }
}
