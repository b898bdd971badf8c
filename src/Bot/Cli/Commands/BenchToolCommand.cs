using System.CommandLine;
using System.Diagnostics;
using Bot.Hosting;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>bench …</c>: the benchmarks live in their own tool (tools/Bot.Bench), out of the product; this finds it beside
/// appsettings.json and runs it in Release with the same arguments, passing its output and exit code through.
/// </summary>
internal static class BenchToolCommand
{
    public const string ProjectPath = "tools/Bot.Bench/Bot.Bench.csproj";

    public static Command Create()
    {
        var command = new Command("bench", "Measure index build, search and answer latency and memory (runs tools/Bot.Bench)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            var project = Path.Combine(BotHost.FindContentRoot(), ProjectPath);
            if (!File.Exists(project))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"The benchmark tool was not found at {project}: run bench from the repository.").ConfigureAwait(false);
                return CliRunner.Failure;
            }
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            foreach (var arg in new[] { "run", "-c", "Release", "--project", project, "--", "bench" }.Concat(parse.UnmatchedTokens))
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return CliRunner.Cancelled;
            }
            return process.ExitCode;
        });
        return command;
    }
}
