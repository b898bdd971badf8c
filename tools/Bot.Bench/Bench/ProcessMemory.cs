using System.Diagnostics;
using System.Globalization;

namespace Bot.Cli.Bench;

/// <summary>Memory as Linux reports it in <c>/proc</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>This process's peak resident set (VmHWM), or the runtime's peak working set where /proc is missing.</summary>
    public static long PeakRssBytes() =>
        StatusKilobytes("/proc/self/status", "VmHWM:") is { } kb ? kb * 1024 : Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>
    /// The proportional set size of a process and its direct children (a server and its backends), so that shared
    /// memory is counted once; 0 when it cannot be read.
    /// </summary>
    public static long TreePssBytes(int parentId)
    {
        long total = 0;
        foreach (var pid in ProcessTree(parentId))
        {
            total += (StatusKilobytes($"/proc/{pid}/smaps_rollup", "Pss:") ?? 0) * 1024;
        }
        return total;
    }

    private static IEnumerable<int> ProcessTree(int parentId)
    {
        yield return parentId;
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories("/proc").ToList();
        }
        catch (IOException)
        {
            yield break;
        }
        foreach (var folder in folders)
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && StatusKilobytes(Path.Combine(folder, "status"), "PPid:") == parentId)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The number after <paramref name="key"/> in a /proc key-value file (kB for sizes), or null.</summary>
    private static long? StatusKilobytes(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var value = line[key.Length..].Trim().Split(' ')[0];
                    return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked.
        }
        return null;
    }
}
