using System.IO.Compression;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Bot.Core.Evaluation;

namespace Bot.Cli.Bench;

/// <summary>
/// The first articles of a JSONL archive (read at run time, never copied into the repository), cut into the sizes
/// compared. Each size becomes a <see cref="BenchData"/> folder: its articles, our chunker's passages of them, and
/// the known-item queries; the story keys say which articles carry the same text.
/// </summary>
internal sealed class ArchiveSample
{
    private readonly List<string> _lines;
    private readonly List<Article?> _articles;

    private ArchiveSample(List<string> lines, List<Article?> articles)
    {
        _lines = lines;
        _articles = articles;
    }

    public int Count => _lines.Count;

    /// <summary>Reads up to <paramref name="limit"/> non-empty lines of a <c>.jsonl</c> or <c>.jsonl.gz</c> file.</summary>
    public static async Task<ArchiveSample> ReadAsync(string path, int limit, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(path);
        await using var decompressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
        using var reader = new StreamReader(decompressed);
        var lines = new List<string>();
        while (lines.Count < limit && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line);
            }
        }
        var articles = lines.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(line => JsonArticleReader.FromLine(line, "archive.jsonl", out _)).ToList();
        return new ArchiveSample(lines, articles);
    }

    /// <summary>Story key of every readable article in the sample (equal keys: the same normalised text).</summary>
    public IReadOnlyDictionary<string, string> StoryKeys() =>
        _articles.OfType<Article>().Where(a => a.Paragraphs.Count > 0).AsParallel()
            .Select(a => (a.Id, Key: KnownItemScoring.StoryKey(string.Join('\n', a.Paragraphs))))
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>Writes the first <paramref name="count"/> articles, their passages and queries into <paramref name="data"/>.</summary>
    /// <returns>How many passages were written.</returns>
    public async Task<int> PrepareAsync(
        BenchData data, int count, PassageChunker chunker, int queryCount, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data.CorpusFolder);
        await File.WriteAllLinesAsync(Path.Combine(data.CorpusFolder, "archive.jsonl"), _lines.Take(count), cancellationToken).ConfigureAwait(false);

        var articles = _articles.Take(count).OfType<Article>().ToList();
        var passages = articles.AsParallel().AsOrdered().WithCancellation(cancellationToken).SelectMany(chunker.Chunk).ToList();
        await data.WritePassagesAsync(passages, cancellationToken).ConfigureAwait(false);
        await data.WriteQueriesAsync(KnownItemQueries.Make(articles, queryCount), cancellationToken).ConfigureAwait(false);
        return passages.Count;
    }
}
