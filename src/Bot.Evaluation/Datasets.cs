using System.Text.Json;

namespace Bot.Core.Evaluation;

/// <summary>A SQuAD paragraph; its <see cref="Id"/> is safe as an article id.</summary>
public sealed record SquadParagraph(string Id, string Title, string Context, IReadOnlyList<SquadQuestion> Questions);

public sealed record SquadQuestion(string Id, string Text, IReadOnlyList<string> Answers);

/// <summary>A document with human reference summaries (EASC).</summary>
public sealed record EascDocument(string Id, string Title, string Text, IReadOnlyList<string> References);

/// <summary>Reads SQuAD-format question sets (<c>data[].paragraphs[].qas[]</c>).</summary>
public static class SquadDataset
{
    public static IReadOnlyList<SquadParagraph> Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            var paragraphs = new List<SquadParagraph>();
            foreach (var article in json.RootElement.GetProperty("data").EnumerateArray())
            {
                var title = article.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
                {
                    var questions = paragraph.GetProperty("qas").EnumerateArray()
                        .Select(q => new SquadQuestion(
                            q.GetProperty("id").GetString() ?? string.Empty,
                            q.GetProperty("question").GetString() ?? string.Empty,
                            q.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString() ?? string.Empty).ToList()))
                        .ToList();
                    paragraphs.Add(new SquadParagraph(
                        $"p{paragraphs.Count + 1:D4}", title, paragraph.GetProperty("context").GetString() ?? string.Empty, questions));
                }
            }
            return paragraphs;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a SQuAD-format file: {ex.Message}", ex);
        }
    }
}

/// <summary>Reads EASC JSONL: <c>{"doc_id","topic","text","summaries":[…]}</c> per line.</summary>
public static class EascDataset
{
    public static IReadOnlyList<EascDocument> Load(string path)
    {
        var documents = new List<EascDocument>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                // doc_id is unique per document; id names the topic, shared by several documents.
                var id = root.TryGetProperty("doc_id", out var d) ? d.GetString()
                    : root.TryGetProperty("id", out var i) ? i.GetString() : null;
                id ??= $"doc{number}";
                var title = root.TryGetProperty("title", out var t) ? t.GetString() : root.TryGetProperty("topic", out var tp) ? tp.GetString() : null;
                var references = new List<string>();
                foreach (var key in new[] { "summaries", "references", "summary" })
                {
                    if (root.TryGetProperty(key, out var value))
                    {
                        if (value.ValueKind == JsonValueKind.Array)
                        {
                            references.AddRange(value.EnumerateArray().Select(v => v.GetString() ?? string.Empty));
                        }
                        else if (value.ValueKind == JsonValueKind.String)
                        {
                            references.Add(value.GetString() ?? string.Empty);
                        }
                    }
                }
                documents.Add(new EascDocument(
                    SafeId(id), title ?? id, root.GetProperty("text").GetString() ?? string.Empty, references));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path} line {number} is not a valid EASC record: {ex.Message}", ex);
            }
        }
        return documents;
    }

    private static string SafeId(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
