using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Corpus;

// Placeholder until the full reader lands (branch `arabic`).
internal sealed class FolderArticleSource(string folder, ILogger<FolderArticleSource> logger) : IArticleSource
{
    public async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (var f in Files())
        {
            sb.Append(f).Append(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(f, cancellationToken))));
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public async Task<IReadOnlyList<Article>> LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<Article>();
        foreach (var f in Files())
        {
            var lines = (await File.ReadAllLinesAsync(f, cancellationToken)).Where(l => l.Trim().Length > 0).ToList();
            if (lines.Count < 2) { logger.LogWarning("skip {File}", f); continue; }
            list.Add(new Article(Path.GetFileNameWithoutExtension(f), lines[0], null, null, null, lines.Skip(1).ToList(), [], f));
        }
        return list;
    }

    private IEnumerable<string> Files() =>
        Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
