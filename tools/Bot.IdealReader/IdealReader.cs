using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Core.Arabic;

namespace Bot.IdealReader;

/// <summary>
/// A stand-in for a model that reads perfectly: it knows each question's gold answers, finds the first numbered passage
/// it was given (in the prompt or from a function call) that holds one, and answers with that passage's sentence cited
/// as [n]; when no passage holds a gold answer, or the question is unknown, it replies «لم أجد…». Asked for JSON
/// (<c>response_format</c>), it answers in the answer schema. It measures everything around the model, not a model.
/// </summary>
public sealed partial class IdealReader(IReadOnlyDictionary<string, IReadOnlyList<string>> gold)
{
    public const string NotFound = "لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال.";

    [GeneratedRegex(@"(?m)^\[(\d+)\] [^\n]*(?:\n|$)")]
    private static partial Regex PassageHeader();

    [GeneratedRegex(@"(?<=[.؟?!\n])")]
    private static partial Regex SentenceEnd();

    public int Questions => gold.Count;

    public static IdealReader FromAnswers(IEnumerable<(string Question, string[] Answers)> answers) =>
        new(answers.ToDictionary(a => Key(a.Question), a => (IReadOnlyList<string>)a.Answers, StringComparer.Ordinal));

    /// <summary>Gold answers from SQuAD-format JSON files and JSONL question sets (<c>question</c>, <c>answers</c>).</summary>
    public static IdealReader FromFiles(IEnumerable<string> paths)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
                {
                    var record = JsonNode.Parse(line)!;
                    if (record["answers"] is JsonArray list && list.Count > 0)
                    {
                        answers[Key(record["question"]!.ToString())] = list.Select(a => a!.ToString()).ToList();
                    }
                }
                continue;
            }
            using var stream = File.OpenRead(path);
            var squad = JsonNode.Parse(stream)!;
            foreach (var paragraph in squad["data"]!.AsArray().SelectMany(d => d!["paragraphs"]!.AsArray()))
            {
                foreach (var qa in paragraph!["qas"]!.AsArray())
                {
                    answers[Key(qa!["question"]!.ToString())] = qa["answers"]!.AsArray().Select(a => a!["text"]!.ToString()).Distinct().ToList();
                }
            }
        }
        return new IdealReader(answers);
    }

    [GeneratedRegex(@"^قارن بين (.+?) وبين (.+?)[؟?]?$")]
    private static partial Regex Comparison();

    /// <summary>
    /// The reply to a chat completion request: content, or functions to call. A comparison «قارن بين A وبين B» offered
    /// the article functions first searches for A and for B, then answers from the first passage each search returned.
    /// </summary>
    public (string Content, IReadOnlyList<(string Name, string Arguments)> Calls) Answer(JsonObject request)
    {
        var messages = request["messages"]!.AsArray().Select(m => (Role: m!["role"]?.ToString(), Content: Text(m["content"]))).ToList();
        var comparison = Comparison().Match(Question(messages));
        if (!comparison.Success)
        {
            return (Reply(request), []);
        }
        // Each search's first passage: a new one, or one given before («[n] (سبق تقديمه)»), read from where it was given.
        var known = messages.Where(m => m.Role is "user" or "tool").SelectMany(m => Passages(m.Content)).Where(p => !IsRepeat(p.Text))
            .GroupBy(p => p.Number).ToDictionary(g => g.Key, g => g.First().Text);
        var results = messages.Where(m => m.Role == "tool")
            .Select(m => Passages(m.Content).Select(p => IsRepeat(p.Text) ? (p.Number, Text: known.GetValueOrDefault(p.Number, "")) : p)
                .FirstOrDefault(p => p.Text.Trim().Length > 0))
            .Where(p => p.Text is not null).ToList();
        if (results.Count == 0 && request["tools"] is JsonArray { Count: > 0 })
        {
            return (string.Empty, [.. new[] { comparison.Groups[1].Value, comparison.Groups[2].Value }
                .Select(part => ("articles-search_articles", new JsonObject { ["query"] = part.Trim() }.ToJsonString(Relaxed)))]);
        }
        if (results.Count < 2)
        {
            return (NotFound, []);
        }
        string First(string text) => SentenceEnd().Split(text).Select(s => s.Trim()).First(s => s.Length > 0).TrimEnd('.', ' ');
        return ($"{First(results[0].Text)} [{results[0].Number}]، بينما {First(results[1].Text)} [{results[1].Number}].", []);
    }

    private static bool IsRepeat(string text) => text.Trim().StartsWith("(سبق تقديمه)", StringComparison.Ordinal);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Question(IEnumerable<(string? Role, string Content)> messages)
    {
        var user = messages.FirstOrDefault(m => m.Role == "user").Content ?? string.Empty;
        var at = user.LastIndexOf("السؤال:", StringComparison.Ordinal);
        return at < 0 ? string.Empty : user[(at + "السؤال:".Length)..].Trim();
    }

    /// <summary>The reply content to a chat completion request.</summary>
    public string Reply(JsonObject request)
    {
        var messages = request["messages"]!.AsArray().Select(m => (Role: m!["role"]?.ToString(), Content: Text(m["content"]))).ToList();
        var question = Question(messages);
        var passages = messages.Where(m => m.Role is "user" or "tool").SelectMany(m => Passages(m.Content)).ToList();
        var structured = request["response_format"]?["type"]?.ToString() == "json_schema";

        var answer = gold.TryGetValue(Key(question), out var golds)
            ? passages.Select(p => (p.Number, Sentence: SentenceHolding(p.Text, golds))).FirstOrDefault(p => p.Sentence is not null)
            : default;
        if (answer.Sentence is null)
        {
            return structured ? """{"found":false,"sentences":[]}""" : NotFound;
        }
        if (structured)
        {
            return new JsonObject
            {
                ["found"] = true,
                ["sentences"] = new JsonArray(new JsonObject
                {
                    ["text"] = answer.Sentence,
                    ["passages"] = new JsonArray(answer.Number),
                    // A written-out gold answer is not part of the quote: the quote is the passage's sentence alone.
                    ["quote"] = answer.Sentence.Contains(Glue, StringComparison.Ordinal)
                        ? answer.Sentence[(answer.Sentence.IndexOf(Glue, StringComparison.Ordinal) + Glue.Length)..]
                        : answer.Sentence,
                }),
            }.ToJsonString(Relaxed);
        }
        return $"{answer.Sentence.TrimEnd('.', ' ')} [{answer.Number}].";
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.ToString())),
        null => string.Empty,
        _ => content.ToString(),
    };

    /// <summary>The numbered passages of a prompt or a function result: «[n] header» then the text up to the next one.</summary>
    private static IEnumerable<(int Number, string Text)> Passages(string content)
    {
        var headers = PassageHeader().Matches(content);
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : content.Length;
            var text = content[start..end];
            var close = text.IndexOf("المقاطع>>>", StringComparison.Ordinal);
            var number = int.Parse(headers[i].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            yield return (number, IsRepeat(headers[i].Value[headers[i].Value.IndexOf(' ')..]) ? "(سبق تقديمه)" : close < 0 ? text : text[..close]);
        }
    }

    /// <summary>
    /// The first sentence of the passage holding a gold answer (the whole passage when the answer spans sentences). A gold
    /// answer glued to another word («بـغورو») is written out before the sentence, as a reader extracting the span would.
    /// </summary>
    private static string? SentenceHolding(string passage, IReadOnlyList<string> golds)
    {
        var held = golds.Where(g => Holds(passage, g)).ToList();
        var glued = held.Count == 0 ? golds.FirstOrDefault(g => Flat(passage).Contains(Flat(g), StringComparison.Ordinal) && Flat(g).Length > 0) : null;
        if (held.Count == 0 && glued is null)
        {
            return null;
        }
        var sentences = SentenceEnd().Split(passage).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (glued is not null)
        {
            var sentence = sentences.FirstOrDefault(s => Flat(s).Contains(Flat(glued), StringComparison.Ordinal)) ?? passage.Trim();
            return $"{glued}{Glue}{sentence}";
        }
        return sentences.FirstOrDefault(s => held.Any(g => Holds(s, g))) ?? passage.Trim();
    }

    /// <summary>Between a written-out gold answer and the sentence it was read from (the quote is the sentence alone).</summary>
    private const string Glue = ": ";

    private static string Flat(string text) => string.Join(' ', Tokens(text));

    /// <summary>Gold tokens in order and adjacent among the text's tokens, as the evaluation counts containment.</summary>
    private static bool Holds(string text, string gold)
    {
        var haystack = Tokens(text);
        var needle = Tokens(gold);
        return needle.Count > 0 && Enumerable.Range(0, Math.Max(0, haystack.Count - needle.Count + 1))
            .Any(start => needle.Select((t, j) => haystack[start + j] == t).All(x => x));
    }

    private static List<string> Tokens(string text) => [.. SentenceSplitter.Words(ArabicNormalizer.Normalize(text))];

    private static string Key(string question) => string.Join(' ', Tokens(question));
}
