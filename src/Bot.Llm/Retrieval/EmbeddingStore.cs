using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Llm.Retrieval;

/// <summary>
/// Passage vectors on disk, one append-only file per embedding model under <c>{Index:Path}/embeddings</c>, keyed by the
/// SHA-256 of the passage text: a passage whose text is unchanged is never embedded again, whatever its id, and a
/// rebuilt index reuses every vector it can. Record layout: 32-byte hash, int32 dimension, that many float32.
/// A torn last record (a crash mid-write) is ignored on load.
/// </summary>
internal sealed class EmbeddingStore
{
    private const int HashBytes = 32;
    private readonly string _file;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private bool _loaded;

    public EmbeddingStore(string folder, string model)
    {
        var safe = new string(model.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        _file = Path.Combine(folder, $"{safe}.vectors");
    }

    public int Count => _vectors.Count;

    public static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public bool TryGet(string key, out float[] vector) => _vectors.TryGetValue(key, out vector!);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }
        _loaded = true;
        if (!File.Exists(_file))
        {
            return;
        }
        // Record by record: an archive's vectors can be hundreds of megabytes, so the file is never held whole in memory.
        await using var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
        var header = new byte[HashBytes + sizeof(int)];
        var body = Array.Empty<byte>();
        while (await ReadFullyAsync(stream, header, header.Length, cancellationToken).ConfigureAwait(false))
        {
            var dimension = BitConverter.ToInt32(header, HashBytes);
            var size = dimension * sizeof(float);
            if (dimension <= 0 || stream.Length - stream.Position < size)
            {
                break; // a torn last record
            }
            if (body.Length < size)
            {
                body = new byte[size];
            }
            if (!await ReadFullyAsync(stream, body, size, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
            _vectors[Convert.ToHexString(header, 0, HashBytes)] = MemoryMarshal.Cast<byte, float>(body.AsSpan(0, size)).ToArray();
        }
    }

    private static async Task<bool> ReadFullyAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == count;

    public async Task AddAsync(IReadOnlyList<(string Key, float[] Vector)> entries, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        await using var stream = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var (key, vector) in entries)
        {
            await stream.WriteAsync(Convert.FromHexString(key), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(BitConverter.GetBytes(vector.Length), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), cancellationToken).ConfigureAwait(false);
            _vectors[key] = vector;
        }
    }
}
