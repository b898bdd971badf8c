using System.Globalization;
using Bot.Core.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.State;

/// <summary>Where the last handled update id is kept (a file today; a shared database for several replicas later).</summary>
public interface IUpdateOffsetStore
{
    /// <summary>The last update id whose handling finished and when it was saved, or null before the first one.</summary>
    Task<SavedOffset?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(long lastHandledUpdateId, CancellationToken cancellationToken);
}

/// <summary>The last handled update id and when it was saved.</summary>
public sealed record SavedOffset(long LastHandledUpdateId, DateTimeOffset SavedAt);

/// <summary><c>telegram-offset.txt</c> under <c>Index:Path</c>, replaced atomically (write a sibling, rename over).</summary>
internal sealed class FileUpdateOffsetStore(IOptions<IndexOptions> index, IHostEnvironment environment) : IUpdateOffsetStore
{
    public string FilePath { get; } = Path.Combine(
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, index.Value.Path)), "telegram-offset.txt");

    public async Task<SavedOffset?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }
        var text = await File.ReadAllTextAsync(FilePath, cancellationToken).ConfigureAwait(false);
        return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new SavedOffset(id, new DateTimeOffset(File.GetLastWriteTimeUtc(FilePath), TimeSpan.Zero))
            : null;
    }

    public async Task WriteAsync(long lastHandledUpdateId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temp = FilePath + ".tmp";
        await File.WriteAllTextAsync(temp, lastHandledUpdateId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temp, FilePath, overwrite: true);
    }
}
