using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace Bot.Llm.Answering;

/// <summary>One answer sentence as the model wrote it in JSON: its text, the passages it rests on and a verbatim quote.</summary>
internal sealed record AnswerSentence(string Text, IReadOnlyList<int> Passages, string Quote);

/// <summary>
/// The JSON answer format (<c>response_format</c> with a strict schema): <c>found</c>, then sentences each naming its
/// passage numbers and quoting the passage word for word, so the quote can be checked in code.
/// </summary>
internal static class StructuredAnswer
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "found": { "type": "boolean", "description": "false when the passages do not answer the question" },
            "sentences": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "text": { "type": "string", "description": "one Arabic answer sentence, without [n] marks" },
                  "passages": { "type": "array", "items": { "type": "integer" }, "description": "numbers of the passages it rests on" },
                  "quote": { "type": "string", "description": "words copied verbatim from the first cited passage that support the sentence" }
                },
                "required": ["text", "passages", "quote"],
                "additionalProperties": false
              }
            }
          },
          "required": ["found", "sentences"],
          "additionalProperties": false
        }
        """;

    public static ChatResponseFormat Format { get; } =
        ChatResponseFormat.CreateJsonSchemaFormat("grounded_answer", BinaryData.FromString(Schema), jsonSchemaIsStrict: true);

    /// <summary>The parsed answer; null when the text is not this JSON (the endpoint ignored the format).</summary>
    public static (bool Found, IReadOnlyList<AnswerSentence> Sentences)? TryParse(string text)
    {
        var json = text.Trim();
        // Some servers wrap JSON in a Markdown fence even when asked for a schema.
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            json = json.Trim('`').Trim();
            json = json.StartsWith("json", StringComparison.OrdinalIgnoreCase) ? json[4..] : json;
        }
        if (!json.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("found", out var found) || found.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return null;
            }
            var sentences = new List<AnswerSentence>();
            if (root.TryGetProperty("sentences", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var passages = item.TryGetProperty("passages", out var numbers) && numbers.ValueKind == JsonValueKind.Array
                        ? numbers.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out _)).Select(n => n.GetInt32()).ToList()
                        : [];
                    sentences.Add(new AnswerSentence(String(item, "text"), passages, String(item, "quote")));
                }
            }
            return (found.GetBoolean(), sentences);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The sentences as answer text with [n] marks, the form the citation validator reads.</summary>
    public static string ToText(IEnumerable<AnswerSentence> sentences)
    {
        var text = new StringBuilder();
        foreach (var sentence in sentences)
        {
            var body = CitationMarks.Strip(sentence.Text).Trim().TrimEnd('.', '،', '؛');
            if (body.Length == 0)
            {
                continue;
            }
            var end = body.EndsWith('؟') || body.EndsWith('!') ? "" : ".";
            text.Append(text.Length > 0 ? " " : "").Append(body);
            foreach (var n in sentence.Passages.Distinct())
            {
                text.Append(" [").Append(n).Append(']');
            }
            text.Append(end);
        }
        return text.ToString();
    }

    private static string String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
