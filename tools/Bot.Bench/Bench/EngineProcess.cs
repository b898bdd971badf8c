using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bot.Cli.Output;

namespace Bot.Cli.Bench;

/// <summary>A phase that failed in its child process; the message is the child's last error line.</summary>
internal sealed class EngineFailedException(string message) : Exception(message);

/// <summary>
/// Runs one engine phase in a child process of this program (the hidden <c>bench-engine</c> command), so the memory
/// and start-up it reports belong to that engine alone, and reads back its JSON.
/// </summary>
internal static class EngineProcess
{
    public const string Command = "bench-engine";

    public static async Task<T> RunAsync<T>(
        string engine, string phase, BenchData data, string? connection, int k, CancellationToken cancellationToken)
    {
        var start = Self();
        foreach (var arg in new[] { Command, "--engine", engine, "--phase", phase, "--data", data.Folder, "--k", k.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        if (connection is not null)
        {
            start.ArgumentList.Add("--connection");
            start.ArgumentList.Add(connection);
        }

        using var process = Process.Start(start) ?? throw new EngineFailedException("the child process did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var lines = (await output.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            var problem = (await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .LastOrDefault() ?? $"exit code {process.ExitCode}";
            throw new EngineFailedException($"{engine} {phase}: {problem}");
        }
        return JsonSerializer.Deserialize<T>(lines[^1], CliJson.Options)
            ?? throw new EngineFailedException($"{engine} {phase}: no result");
    }

    /// <summary>This program again: its app host, or <c>dotnet Bot.dll</c> when it was started that way.</summary>
    private static ProcessStartInfo Self()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EngineProcess).Assembly.Location);
        }
        return start;
    }
}
