using System.Text.Json;
using Bot.Core.Arabic;

namespace Bot.Core.Corpus;

/// <summary>
/// Reads articles from JSON (one object or an array) and JSONL (one object per line) with the fields
/// <c>id</c>, <c>title</c>, <c>date</c>, <c>source</c>, <c>url</c>, <c>text</c> and optionally <c>summary</c>; every
/// field may be missing. A broken JSONL line is reported and the other lines are still read.
/// </summary>
public static class JsonArticleReader
{
    public static IReadOnlyList<Article> Read(string text, string fileStem, string? sourceFile, bool lines, out IReadOnlyList<string> problems)
    {
        var found = new List<Article>();
        var issues = new List<string>();
        if (lines)
        {
            var number = 0;
            foreach (var line in text.Split('\n'))
            {
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                try
                {
                    using var json = JsonDocument.Parse(line);
                    Add(json.RootElement, found.Count + 1);
                }
                catch (JsonException ex)
                {
                    issues.Add($"line {number}: {ex.Message}");
                }
            }
        }
        else
        {
            try
            {
                using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
                var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
                foreach (var item in items)
                {
                    Add(item, found.Count + 1);
                }
            }
            catch (JsonException ex)
            {
                issues.Add(ex.Message);
            }
        }
        problems = issues;
        return found;

        void Add(JsonElement item, int position)
        {
            var multi = lines || position > 1 || text.TrimStart().StartsWith('[');
            if (FromElement(item, fileStem, sourceFile, position, multi, out var problem) is { } article)
            {
                found.Add(article);
            }
            else
            {
                issues.Add(problem!);
            }
        }
    }

    /// <summary>
    /// Reads one JSONL line; null with <paramref name="problem"/> set when it is not an article. An article without
    /// an id of its own gets an empty one: its position in the file names it.
    /// </summary>
    public static Article? FromLine(string line, string? sourceFile, out string? problem)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return FromElement(json.RootElement, fileStem: null, sourceFile, 0, multi: true, out problem);
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    private static Article? FromElement(JsonElement item, string? fileStem, string? sourceFile, int position, bool multi, out string? problem)
    {
        problem = null;
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                problem = $"item {position} is not an object";
                return null;
            }
            var body = Text(item, "text") ?? Text(item, "content") ?? Text(item, "body");
            if (string.IsNullOrWhiteSpace(body))
            {
                problem = $"item {position} has no text";
                return null;
            }

            var given = Text(item, "id");
            var id = given is not null ? SafeId(given) : fileStem is null ? string.Empty : multi ? $"{fileStem}-{position}" : fileStem;
            // With a given title, the text is all body: put the title first so the parser does not take a line for it.
            var givenTitle = Text(item, "title")?.Trim();
            var parsed = string.IsNullOrEmpty(givenTitle)
                ? PlainTextArticleParser.Parse(id, body, sourceFile)
                : PlainTextArticleParser.Parse(id, givenTitle + "\n\n" + body, sourceFile);
            if (parsed is null || parsed.Paragraphs.Count == 0)
            {
                problem = $"item {position} has no text";
                return null;
            }
            var title = string.IsNullOrEmpty(givenTitle) ? parsed.Title : givenTitle;
            var paragraphs = parsed.Paragraphs;

            DateOnly? date = parsed.Date;
            if (Text(item, "date") is { } dateText)
            {
                if (DateTime.TryParse(dateText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsedDate))
                {
                    date = DateOnly.FromDateTime(parsedDate);
                }
                else if (ArabicDateParser.TryParse(dateText, out var arabic))
                {
                    date = arabic;
                }
            }

            var summary = item.TryGetProperty("summary", out var s) switch
            {
                true when s.ValueKind == JsonValueKind.String => s.GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                true when s.ValueKind == JsonValueKind.Array => s.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Where(x => x.Length > 0).ToList(),
                _ => parsed.PublisherSummary,
            };

            return new Article(id, title, date, Text(item, "source"), Text(item, "url"), paragraphs, summary, sourceFile);
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Letters, digits, '-' and '_' only: '#' separates passage numbers in passage ids.</summary>
    public static string SafeId(string id)
    {
        var safe = new string(id.Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        return safe.Length == 0 ? "article" : safe;
    }
}
