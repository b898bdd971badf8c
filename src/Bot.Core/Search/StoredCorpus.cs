using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>Articles and passages as stored beside the Lucene index (the catalog reads these, never the source files).</summary>
internal sealed record StoredCorpus(IReadOnlyList<Article> Articles, IReadOnlyList<Passage> Passages);

/// <summary>Written last into a finished index folder; its presence and content mark the folder as complete.</summary>
internal sealed record IndexManifest(
    int SchemaVersion,
    string Fingerprint,
    int ArticleCount,
    int PassageCount,
    DateTimeOffset BuiltAt,
    long BuildMilliseconds);

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredCorpus))]
[JsonSerializable(typeof(IndexManifest))]
internal sealed partial class IndexJsonContext : JsonSerializerContext
{
    /// <summary>Arabic kept as UTF-8 rather than \uXXXX escapes: a third of the size on disk.</summary>
    public static IndexJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}

internal static class IndexFiles
{
    public const string Current = "CURRENT";
    public const string Manifest = "manifest.json";
    public const string Corpus = "corpus.json";
    public const string Lucene = "lucene";
    public const string GenerationPrefix = "gen-";
    public const string BuildPrefix = "build-";

    public static async Task WriteJsonAsync<T>(string path, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, value, info, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    public static async Task<T> ReadJsonAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, info, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Replaces a small file atomically: write a sibling, then rename over.</summary>
    public static async Task WriteTextAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
