using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Articles from <c>Corpus:Path</c> — a folder of <c>.txt</c>/<c>.md</c> (one article each, id from the file name),
/// <c>.json</c>, <c>.jsonl</c> and <c>.jsonl.gz</c> files, or one such archive file — plus the folder where articles
/// added at run time are kept. Each unreadable file or entry is skipped with a warning naming it; one bad file never
/// stops the others. Large JSONL archives are streamed line by line.
/// </summary>
internal sealed partial class FolderArticleSource(CorpusLocation location, ILogger<FolderArticleSource> logger) : IArticleSource
{
    internal const string AddedPrefix = "added/";
    private static readonly string[] Extensions = [".txt", ".md", ".json", ".jsonl", ".jsonl.gz"];

    // Smaller files are decoded whole (BOM, UTF-16 and Windows-1256 detection); larger JSONL is streamed as UTF-8.
    private const long StreamFrom = 8 * 1024 * 1024;
    private const int ParseBatch = 256;

    public IReadOnlyList<SourceFile> ListFiles()
    {
        var files = new List<SourceFile>();
        if (File.Exists(location.Path))
        {
            files.Add(Describe(location.Path, Path.GetFileName(location.Path)));
        }
        else if (Directory.Exists(location.Path))
        {
            files.AddRange(Enumerate(location.Path).Select(f => Describe(f, Relative(location.Path, f))));
        }
        else
        {
            throw new DirectoryNotFoundException($"The articles folder {location.Path} does not exist (set Corpus:Path or --corpus).");
        }

        if (location.AddedFolder != location.Path && Directory.Exists(location.AddedFolder))
        {
            files.AddRange(Enumerate(location.AddedFolder).Select(f => Describe(f, AddedPrefix + Relative(location.AddedFolder, f))));
        }
        return files;
    }

    public async IAsyncEnumerable<Article> ReadAsync(SourceFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var full = FullPath(file.Path);
        if (IsJsonl(full) && (full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || file.Length >= StreamFrom))
        {
            await foreach (var article in StreamJsonlAsync(full, file.Path, cancellationToken).ConfigureAwait(false))
            {
                yield return article;
            }
            yield break;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSkipped(file.Path, ex.Message);
            yield break;
        }

        var parsed = ParseFile(full, bytes, out var problem);
        if (problem is not null && parsed.Count == 0)
        {
            LogSkipped(file.Path, problem);
        }
        else if (problem is not null)
        {
            LogPartlyRead(file.Path, parsed.Count, problem);
        }
        foreach (var article in parsed)
        {
            yield return article with { SourceFile = file.Path };
        }
    }

    /// <summary>The absolute path of a file listed by <see cref="ListFiles"/>.</summary>
    public string FullPath(string relative) =>
        relative.StartsWith(AddedPrefix, StringComparison.Ordinal) && location.AddedFolder != location.Path
            ? Path.Combine(location.AddedFolder, relative[AddedPrefix.Length..])
            : File.Exists(location.Path) ? location.Path : Path.Combine(location.Path, relative);

    private async IAsyncEnumerable<Article> StreamJsonlAsync(string path, string relative, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream? input = null;
        try
        {
            input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSkipped(relative, ex.Message);
            yield break;
        }

        await using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(input, CompressionMode.Decompress) : input;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var stem = JsonArticleReader.SafeId(Stem(path));
        int line = 0, read = 0, skipped = 0;
        string? firstProblem = null;
        var batch = new List<(int Line, string Text)>(ParseBatch);
        var finished = false;
        while (!finished)
        {
            batch.Clear();
            while (batch.Count < ParseBatch)
            {
                string? text;
                try
                {
                    text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    // A truncated or corrupt gzip: keep what was read.
                    firstProblem ??= ex.Message;
                    skipped++;
                    text = null;
                }
                if (text is null)
                {
                    finished = true;
                    break;
                }
                line++;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    batch.Add((line, text));
                }
            }

            // Parsing is most of the reading cost: spread a batch over the cores, keep the file's order.
            var parsed = batch.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                .Select(entry => (entry.Line, Article: JsonArticleReader.FromLine(entry.Text, relative, out var problem), Problem: problem))
                .ToList();
            foreach (var (number, article, problem) in parsed)
            {
                if (article is not null)
                {
                    read++;
                    // Without an id of its own, an article is named by its position among readable lines, as a whole-file read names it.
                    yield return article.Id.Length == 0 ? article with { Id = $"{stem}-{read}" } : article;
                }
                else
                {
                    skipped++;
                    firstProblem ??= $"line {number}: {problem}";
                }
            }
        }
        if (skipped > 0 && read == 0)
        {
            LogSkipped(relative, firstProblem ?? "no articles");
        }
        else if (skipped > 0)
        {
            LogPartlyRead(relative, read, $"{skipped} entries skipped, first: {firstProblem}");
        }
    }

    /// <summary>Parses one file's bytes into articles; <paramref name="problem"/> says what was wrong, if anything.</summary>
    public static IReadOnlyList<Article> ParseFile(string fileName, ReadOnlySpan<byte> bytes, out string? problem)
    {
        var extension = Extension(fileName);
        if (!Extensions.Contains(extension) || extension == ".jsonl.gz")
        {
            problem = $"unsupported file type '{extension}'";
            return [];
        }
        if (!TextFileDecoder.TryDecode(bytes, out var text, out problem))
        {
            return [];
        }

        var stem = JsonArticleReader.SafeId(Stem(fileName));
        if (extension is ".json" or ".jsonl")
        {
            var articles = JsonArticleReader.Read(text, stem, fileName, extension == ".jsonl", out var problems);
            problem = problems.Count == 0 ? null : string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $" (+{problems.Count - 3} more)" : "");
            return articles;
        }

        var article = PlainTextArticleParser.Parse(stem, text, fileName);
        problem = article is null ? "no article text" : null;
        return article is null ? [] : [article];
    }

    internal static string Extension(string fileName) =>
        fileName.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase) ? ".jsonl.gz" : Path.GetExtension(fileName).ToLowerInvariant();

    private static string Stem(string fileName)
    {
        var name = Path.GetFileName(fileName);
        return name[..^Extension(name).Length];
    }

    private static bool IsJsonl(string path) => Extension(path) is ".jsonl" or ".jsonl.gz";

    private static SourceFile Describe(string full, string relative)
    {
        var info = new FileInfo(full);
        return new SourceFile(relative, info.Length, info.LastWriteTimeUtc.Ticks);
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static IEnumerable<string> Enumerate(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => Extensions.Contains(Extension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped article file {File}: {Problem}")]
    private partial void LogSkipped(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read {Count} articles from {File} but skipped some entries: {Problem}")]
    private partial void LogPartlyRead(string file, int count, string problem);
}
