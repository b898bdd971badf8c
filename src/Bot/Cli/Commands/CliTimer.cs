using System.Diagnostics;

namespace Bot.Cli.Commands;

/// <summary>
/// Times a command of this program end to end, as a user runs it: a fresh process (start-up, index open and the work),
/// with the same <c>--index</c> and <c>--corpus</c> as the running command, output discarded.
/// </summary>
internal static class CliTimer
{
    private static readonly string[] Forwarded = ["--index", "--corpus"];

    public static async Task<double> TimeAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CliTimer).Assembly.Location);
        }
        var own = Environment.GetCommandLineArgs();
        for (var i = 0; i + 1 < own.Length; i++)
        {
            if (Forwarded.Contains(own[i]))
            {
                start.ArgumentList.Add(own[i]);
                start.ArgumentList.Add(own[i + 1]);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the command did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(output, errors).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return process.ExitCode == 0
            ? elapsed
            : throw new InvalidOperationException($"`{string.Join(' ', arguments)}` exited with {process.ExitCode}: {errors.Result}");
    }
}
