using System.Text.Json.Nodes;
using Bot.IdealReader;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

// dotnet run --project tools/Bot.IdealReader -- [--port 5199] GOLD_FILE...
// Serves POST /v1/chat/completions on loopback as the ideal reader; point Llm:Endpoint at http://127.0.0.1:PORT/v1.
var port = 5199;
var files = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length)
    {
        port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    }
    else
    {
        files.Add(args[i]);
    }
}
if (files.Count == 0)
{
    Console.Error.WriteLine("usage: Bot.IdealReader [--port 5199] GOLD.json|GOLD.jsonl...");
    return 2;
}

var reader = IdealReader.FromFiles(files);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
var requests = 0;
app.MapPost("/v1/chat/completions", async (HttpContext context) =>
{
    var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
    var (content, calls) = reader.Answer(body);
    var prompt = body["messages"]!.AsArray().Sum(m => m?["content"]?.ToString().Length ?? 0);
    Interlocked.Increment(ref requests);
    return Results.Json(new JsonObject
    {
        ["id"] = "chatcmpl-ideal",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = body["model"]?.ToString() ?? "ideal",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = calls.Count == 0
                ? new JsonObject { ["role"] = "assistant", ["content"] = content }
                : new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(calls.Select((c, i) => (JsonNode)new JsonObject
                    {
                        ["id"] = $"call_{requests}_{i}",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
                    }).ToArray()),
                },
            ["finish_reason"] = calls.Count == 0 ? "stop" : "tool_calls",
        }),
        // Characters / 3 stands in for a tokenizer's count of Arabic text.
        ["usage"] = new JsonObject { ["prompt_tokens"] = prompt / 3, ["completion_tokens"] = content.Length / 3, ["total_tokens"] = (prompt + content.Length) / 3 },
    });
});
Console.Error.WriteLine($"Ideal reader with {reader.Questions} questions on http://127.0.0.1:{port}/v1");
await app.RunAsync();
return 0;
