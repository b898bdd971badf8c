using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bot.Core.Evaluation;

/// <summary>Writes an evaluation set as a JSONL corpus (one article per paragraph or document) for the real pipeline to index.</summary>
public static class EvaluationCorpus
{
    public const string FileName = "corpus.jsonl";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(string folder, IEnumerable<(string Id, string Title, string Text)> articles, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var lines = articles.Select(a => JsonSerializer.Serialize(new { id = a.Id, title = a.Title, text = a.Text }, Json));
        return File.WriteAllLinesAsync(Path.Combine(folder, FileName), lines, cancellationToken);
    }
}
