using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Llm.Retrieval;

/// <summary>
/// Passage vectors on disk, one append-only file per embedding model under <c>{Index:Path}/embeddings</c>, keyed by the
/// SHA-256 of the passage text: a passage whose text is unchanged is never embedded again, whatever its id, and a
/// rebuilt index reuses every vector it can. Record layout: 32-byte hash, int32 dimension, that many float32.
/// Only the hashes and where each vector lies are held in memory; searches read the vectors from the file
/// (<see cref="Scan"/>), which the operating system caches. Loading cuts a torn last record (a crash mid-write) away,
/// so the records appended next are read back whole.
/// </summary>
internal sealed class EmbeddingStore
{
    private const int HashBytes = 32;
    private const int HeaderBytes = HashBytes + sizeof(int);
    private const int ScanBlockBytes = 1 << 20;

    private readonly string _file;
    private readonly Lock _lock = new();
    private readonly Dictionary<VectorKey, VectorLocation> _locations = [];
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _loaded;

    public EmbeddingStore(string folder, string model)
    {
        var safe = new string(model.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        _file = Path.Combine(folder, $"{safe}.vectors");
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _locations.Count;
            }
        }
    }

    /// <summary>Bytes cut from the end of the file on load: a record torn by a crash.</summary>
    public long RepairedBytes { get; private set; }

    public static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Where a vector lies in the file, or null when it was never stored.</summary>
    public VectorLocation? Find(string key)
    {
        lock (_lock)
        {
            return _locations.TryGetValue(VectorKey.Parse(key), out var location) ? location : null;
        }
    }

    /// <summary>One vector, read from the file.</summary>
    public bool TryGet(string key, out float[] vector)
    {
        vector = [];
        if (Find(key) is not { } location)
        {
            return false;
        }
        var found = Array.Empty<float>();
        Scan([location], (_, values) => found = values.ToArray());
        vector = found;
        return true;
    }

    /// <summary>Reads the record headers (not the vectors); cuts a torn last record away. Runs once.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task LoadOnceAsync(CancellationToken cancellationToken)
    {
        if (_loaded || !File.Exists(_file))
        {
            _loaded = true;
            return;
        }
        await using var stream = new FileStream(_file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
        var header = new byte[HeaderBytes];
        long good = 0;
        while (await stream.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == HeaderBytes)
        {
            var dimension = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(HashBytes));
            var size = (long)dimension * sizeof(float);
            if (dimension <= 0 || stream.Length - stream.Position < size)
            {
                break; // a torn last record
            }
            lock (_lock)
            {
                _locations[VectorKey.From(header)] = new VectorLocation(stream.Position, dimension);
            }
            stream.Seek(size, SeekOrigin.Current);
            good = stream.Position;
        }
        if (good < stream.Length)
        {
            // Cut here, or the next records would be appended after the torn bytes and misread on the next start.
            RepairedBytes = stream.Length - good;
            stream.SetLength(good);
        }
        _loaded = true;
    }

    /// <summary>Appends vectors (after the last good record: the file is loaded and repaired first if it was not).</summary>
    public async Task AddAsync(IReadOnlyList<(string Key, float[] Vector)> entries, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadOnceAsync(cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            await using var stream = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.Read);
            var added = new List<(VectorKey, VectorLocation)>(entries.Count);
            foreach (var (key, vector) in entries)
            {
                var record = new byte[HeaderBytes + vector.Length * sizeof(float)];
                Convert.FromHexString(key).CopyTo(record, 0);
                BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(HashBytes), vector.Length);
                MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(record.AsSpan(HeaderBytes));
                added.Add((VectorKey.Parse(key), new VectorLocation(stream.Position + HeaderBytes, vector.Length)));
                await stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            }
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                foreach (var (key, location) in added)
                {
                    _locations[key] = location;
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Called with each vector and its position in <paramref name="locations"/>.</summary>
    public delegate void VectorVisitor(int index, ReadOnlySpan<float> vector);

    /// <summary>
    /// Reads the vectors at <paramref name="locations"/> (sorted by offset, for one pass through the file) in blocks of
    /// about a megabyte and hands each to <paramref name="visit"/>; nothing of them is kept.
    /// </summary>
    public void Scan(IReadOnlyList<VectorLocation> locations, VectorVisitor visit)
    {
        if (locations.Count == 0)
        {
            return;
        }
        using var handle = File.OpenHandle(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBlockBytes);
        try
        {
            var next = 0;
            while (next < locations.Count)
            {
                var start = locations[next].Offset;
                var end = next;
                while (end < locations.Count && locations[end].End - start <= Math.Max(buffer.Length, locations[next].Bytes))
                {
                    end++;
                }
                var length = (int)(locations[end - 1].End - start);
                if (length > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }
                ReadExactly(handle, buffer.AsSpan(0, length), start);
                for (var i = next; i < end; i++)
                {
                    var at = (int)(locations[i].Offset - start);
                    visit(i, MemoryMarshal.Cast<byte, float>(buffer.AsSpan(at, locations[i].Bytes)));
                }
                next = end;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("The vector file is shorter than its index says.");
            }
            buffer = buffer[read..];
            offset += read;
        }
    }

    /// <summary>The 32 bytes of a SHA-256, as a value (a dictionary key without a 64-character string per vector).</summary>
    private readonly record struct VectorKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static VectorKey From(ReadOnlySpan<byte> hash) => new(
            BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]), BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));

        public static VectorKey Parse(string hex) => From(Convert.FromHexString(hex));
    }
}

/// <summary>Where a vector's numbers start in the store's file, and how many there are.</summary>
internal readonly record struct VectorLocation(long Offset, int Dimension)
{
    public int Bytes => Dimension * sizeof(float);

    public long End => Offset + Bytes;
}
