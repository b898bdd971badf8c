using System.Text.Json;

namespace Bot.Core.Corpus;

/// <summary>
/// One JSON file per added article in the added-articles folder (<c>{id}.json</c>, the fields
/// <see cref="JsonArticleReader"/> reads), written atomically (temporary file, then rename).
/// </summary>
public static class AddedArticleFiles
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FileOf(string safeId) => safeId + ".json";

    /// <summary>The file's content for an article whose id is already safe.</summary>
    public static string Serialize(Article article) => JsonSerializer.Serialize(new
    {
        id = article.Id,
        title = article.Title,
        date = article.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        source = article.Source,
        url = article.Url,
        text = string.Join('\n', article.Paragraphs),
        summary = article.PublisherSummary,
    }, Json);

    /// <summary>
    /// Writes the file unless it already holds exactly this content; returns its source path (as the index names it),
    /// or null when nothing changed.
    /// </summary>
    public static async Task<string?> WriteAsync(CorpusLocation corpus, Article article, CancellationToken cancellationToken)
    {
        var relative = FileOf(article.Id);
        var path = Path.Combine(corpus.AddedFolder, relative);
        var content = Serialize(article);
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) == content)
        {
            return null;
        }
        Directory.CreateDirectory(corpus.AddedFolder);
        var temp = Path.Combine(corpus.AddedFolder, $".{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return corpus.SourcePathOf(relative);
    }

    /// <summary>Deletes the file; returns its source path, or null when there was none.</summary>
    public static string? Delete(CorpusLocation corpus, string safeId)
    {
        var relative = FileOf(safeId);
        var path = Path.Combine(corpus.AddedFolder, relative);
        if (!File.Exists(path))
        {
            return null;
        }
        File.Delete(path);
        return corpus.SourcePathOf(relative);
    }
}
