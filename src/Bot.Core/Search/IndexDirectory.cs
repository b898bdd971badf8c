using System.Diagnostics;
using System.Text.Json;

namespace Bot.Core.Search;

/// <summary>
/// The layout of <c>Index:Path</c>: generations (<c>gen-*</c>, each one Lucene index), the <c>CURRENT</c> file naming
/// the live one (replaced atomically), builds in progress (<c>build-*</c>), and the folder's write lock. A full
/// rebuild writes a new generation and swaps <c>CURRENT</c>; incremental updates commit into the live generation.
/// </summary>
internal sealed class IndexDirectory(string root)
{
    public const string CurrentFile = "CURRENT";
    public const string GenerationPrefix = "gen-";
    public const string BuildPrefix = "build-";
    private const string RetiredMarker = "RETIRED";

    /// <summary>How long a replaced generation stays on disk for readers in other processes still opening it.</summary>
    public static readonly TimeSpan RetireGrace = TimeSpan.FromMinutes(2);

    public string Root { get; } = root;

    /// <summary>The live generation's folder, or null when there is none (or <c>CURRENT</c> names a missing one).</summary>
    public string? Current()
    {
        try
        {
            var name = File.ReadAllText(Path.Combine(Root, CurrentFile)).Trim();
            var folder = Path.Combine(Root, name);
            return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && Directory.Exists(folder) ? folder : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string NewBuildFolder()
    {
        Directory.CreateDirectory(Root);
        var folder = Path.Combine(Root, $"{BuildPrefix}{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Turns a finished build into the live generation: rename, then swap <c>CURRENT</c> in one rename.</summary>
    public string Publish(string buildFolder)
    {
        var name = GenerationPrefix + Path.GetFileName(buildFolder)[BuildPrefix.Length..];
        var generation = Path.Combine(Root, name);
        var previous = Current();
        Directory.Move(buildFolder, generation);
        WriteAtomically(Path.Combine(Root, CurrentFile), name);
        if (previous is not null)
        {
            TryWrite(Path.Combine(previous, RetiredMarker), DateTime.UtcNow.ToString("O"));
        }
        return generation;
    }

    /// <summary>
    /// Deletes generations retired more than <see cref="RetireGrace"/> ago and builds abandoned by a crash; called
    /// only while holding the write lock, so no build in progress is touched.
    /// </summary>
    public IReadOnlyList<string> CollectGarbage(Action<string, Exception> onFailure)
    {
        var deleted = new List<string>();
        if (!Directory.Exists(Root))
        {
            return deleted;
        }
        var live = Current();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            var marker = Path.Combine(folder, RetiredMarker);
            var retired = name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && folder != live
                && (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < DateTime.UtcNow - RetireGrace);
            var abandoned = name.StartsWith(BuildPrefix, StringComparison.Ordinal);
            if (!retired && !abandoned)
            {
                continue;
            }
            try
            {
                Directory.Delete(folder, recursive: true);
                deleted.Add(name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                onFailure(folder, ex);
            }
        }
        return deleted;
    }

    /// <summary>Takes the folder's write lock, or returns null and says who holds it.</summary>
    public IndexWriteLock? TryLock(out string? holder)
    {
        Directory.CreateDirectory(Root);
        var lockPath = Path.Combine(Root, "write.lock");
        var ownerPath = Path.Combine(Root, "writer.json");
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            using var process = Process.GetCurrentProcess();
            TryWrite(ownerPath, JsonSerializer.Serialize(new LockOwner(process.Id, Environment.CommandLine, DateTime.UtcNow)));
            holder = null;
            return new IndexWriteLock(stream);
        }
        catch (IOException)
        {
            holder = DescribeHolder(ownerPath);
            return null;
        }
    }

    private static string DescribeHolder(string ownerPath)
    {
        try
        {
            var owner = JsonSerializer.Deserialize<LockOwner>(File.ReadAllText(ownerPath));
            return owner is null ? "another process" : $"process {owner.Pid} ({owner.Command}), since {owner.Since:u}";
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    private sealed record LockOwner(int Pid, string Command, DateTime Since);

    public static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static void TryWrite(string path, string text)
    {
        try
        {
            WriteAtomically(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Informational files only.
        }
    }
}

/// <summary>Exclusive right to write an index folder, across processes; released on dispose or when the process dies.</summary>
internal sealed class IndexWriteLock(FileStream stream) : IDisposable
{
    public void Dispose() => stream.Dispose();
}

/// <summary>Another process is writing the index folder.</summary>
internal sealed class IndexBusyException(string folder, string holder)
    : IOException($"The index in {folder} is being written by {holder}. Wait for it to finish, or stop it (one writer per index folder).");
