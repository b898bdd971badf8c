using System.Diagnostics;
using System.Text;

namespace Bot.Tests.TestSupport;

/// <summary>The program as operators run it: a separate process with real standard input, output and error.</summary>
internal static class BotProcess
{
    /// <summary>Starts the program's own build output (same configuration as the tests) with the given arguments.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var output = Path.GetRelativePath(Path.Combine(RepoPaths.Root, "tests", "Bot.Tests"), AppContext.BaseDirectory);
        var program = Path.Combine(RepoPaths.Root, "src", "Bot", output, "Bot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    /// <summary>Runs the program to its end, feeding <paramref name="input"/> on standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string? input, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }
}
