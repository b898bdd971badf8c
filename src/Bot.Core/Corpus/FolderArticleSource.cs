using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

/// <summary>
/// Articles from a folder: <c>.txt</c>/<c>.md</c> (one article each, id from the file name) and <c>.json</c>/<c>.jsonl</c>.
/// Each unreadable file is skipped with a warning naming it; one bad file never stops the others.
/// </summary>
internal sealed partial class FolderArticleSource(string folder, ILogger<FolderArticleSource> logger) : IArticleSource
{
    private static readonly string[] Extensions = [".txt", ".md", ".json", ".jsonl"];

    public async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        var combined = new StringBuilder();
        foreach (var file in Files())
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            combined.Append(Path.GetRelativePath(folder, file)).Append('\0').Append(bytes.Length).Append('\0')
                .Append(Convert.ToHexString(SHA256.HashData(bytes))).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(combined.ToString())));
    }

    public async Task<IReadOnlyList<Article>> LoadAsync(CancellationToken cancellationToken)
    {
        var articles = new List<Article>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files())
        {
            var relative = Path.GetRelativePath(folder, file);
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogSkipped(relative, ex.Message);
                continue;
            }

            var parsed = ParseFile(file, bytes, out var problem);
            if (problem is not null && parsed.Count == 0)
            {
                LogSkipped(relative, problem);
            }
            else if (problem is not null)
            {
                LogPartlyRead(relative, parsed.Count, problem);
            }
            foreach (var article in parsed)
            {
                var unique = article;
                for (var n = 2; !ids.Add(unique.Id); n++)
                {
                    unique = article with { Id = $"{article.Id}-{n}" };
                }
                if (unique.Id != article.Id)
                {
                    LogDuplicateId(article.Id, relative, unique.Id);
                }
                articles.Add(unique with { SourceFile = relative });
            }
        }
        return articles;
    }

    /// <summary>Parses one file's bytes into articles; <paramref name="problem"/> says what was wrong, if anything.</summary>
    public static IReadOnlyList<Article> ParseFile(string fileName, ReadOnlySpan<byte> bytes, out string? problem)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            problem = $"unsupported file type '{extension}'";
            return [];
        }
        if (!TextFileDecoder.TryDecode(bytes, out var text, out problem))
        {
            return [];
        }

        var stem = JsonArticleReader.SafeId(Path.GetFileNameWithoutExtension(fileName));
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

    private IEnumerable<string> Files()
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The articles folder {folder} does not exist (set Corpus:Path or --corpus).");
        }
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped article file {File}: {Problem}")]
    private partial void LogSkipped(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read {Count} articles from {File} but skipped some entries: {Problem}")]
    private partial void LogPartlyRead(string file, int count, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article id {Id} in {File} is already taken; using {NewId}")]
    private partial void LogDuplicateId(string id, string file, string newId);
}
