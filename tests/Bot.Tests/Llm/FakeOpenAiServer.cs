using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Llm;

/// <summary>
/// An OpenAI-compatible server on loopback: chat completions (plain and streamed as server-sent events) and
/// embeddings. Each test scripts its replies; every request body is recorded.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _replies = new();

    public FakeOpenAiServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", ChatAsync);
        _app.MapPost("/v1/embeddings", EmbeddingsAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First() + "/v1";
    }

    public string BaseUrl { get; }

    /// <summary>When set, the embeddings endpoint answers 503.</summary>
    public bool EmbeddingsDown { get; set; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>When set, every chat request is held (after it is recorded) until the test completes this.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>How many chat completions have been asked for.</summary>
    public int ChatRequests => Requests.Count(r => r["messages"] is not null);

    /// <summary>When set, answers the requests nothing was queued for as a perfect reader that knows the gold answers.</summary>
    public Bot.IdealReader.IdealReader? Ideal { get; set; }

    /// <summary>Answer 400 to a request carrying <c>response_format</c>, as servers without structured output do.</summary>
    public bool RejectResponseFormat { get; set; }

    /// <summary>Answer 400 to a request carrying <c>tools</c>, as servers without function calling do.</summary>
    public bool RejectTools { get; set; }

    /// <summary>The chat request bodies (those with messages), in order.</summary>
    public IReadOnlyList<JsonObject> Chats => Requests.Where(r => r["messages"] is not null).ToList();

    /// <summary>
    /// What the next chat request gets; when the queue is empty, the ideal reader's answer or a cited Arabic answer.
    /// <paramref name="ToolCalls"/> (function name as the model sees it, JSON arguments) makes it a function-calling turn;
    /// <paramref name="Respond"/> computes the content from the request.
    /// </summary>
    public sealed record Reply(
        string Content = "", int Status = 200, TimeSpan Delay = default, string? RawBody = null, TimeSpan ChunkDelay = default,
        IReadOnlyList<(string Name, string Arguments)>? ToolCalls = null, Func<JsonObject, string>? Respond = null);

    public static Reply Call(string name, string arguments) => new(ToolCalls: [(name, arguments)]);

    public void Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    public static Reply Text(string content) => new(content);

    private async Task ChatAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(body);
        if (Hold is { } hold)
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (RejectResponseFormat && body["response_format"] is not null || RejectTools && body["tools"] is not null)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            var what = body["response_format"] is not null && RejectResponseFormat ? "response_format" : "tools";
            await context.Response.WriteAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = $"{what} is not supported by this model", ["type"] = "invalid_request_error" },
            }.ToJsonString());
            return;
        }
        var reply = _replies.TryDequeue(out var next) ? next
            : Ideal is { } ideal ? ideal.Answer(body) is { Calls.Count: > 0 } turn ? new Reply(ToolCalls: turn.Calls) : new Reply(Respond: r => ideal.Answer(r).Content)
            : Text("التقى الوزير نظيره في طهران [1].");
        if (reply.Respond is { } respond)
        {
            reply = reply with { Content = respond(body) };
        }
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.RawBody ?? """{"error":{"message":"scripted failure","type":"server_error"}}""");
            return;
        }
        if (reply.RawBody is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.RawBody);
            return;
        }

        var model = body["model"]?.GetValue<string>() ?? "fake";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            if (reply.ToolCalls is { Count: > 0 } streamedCalls)
            {
                await WriteEventAsync(context, Chunk(model, new JsonObject
                {
                    ["role"] = "assistant",
                    ["tool_calls"] = new JsonArray(streamedCalls.Select((c, i) => (JsonNode)new JsonObject
                    {
                        ["index"] = i,
                        ["id"] = $"call_{Requests.Count}_{i}",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
                    }).ToArray()),
                }, null));
                await WriteEventAsync(context, Chunk(model, new JsonObject(), "tool_calls"));
                await context.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }
            foreach (var piece in Pieces(reply.Content))
            {
                await WriteEventAsync(context, Chunk(model, new JsonObject { ["content"] = piece }, null));
                if (reply.ChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.ChunkDelay, context.RequestAborted);
                }
            }
            await WriteEventAsync(context, Chunk(model, new JsonObject(), "stop"));
            await context.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.ToolCalls is { Count: > 0 } calls)
        {
            message["content"] = null;
            message["tool_calls"] = new JsonArray(calls.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{Requests.Count}_{i}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            }).ToArray());
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = reply.ToolCalls is { Count: > 0 } ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 30, ["total_tokens"] = 150 },
        }.ToJsonString());
    }

    private static IEnumerable<string> Pieces(string content)
    {
        for (var i = 0; i < content.Length; i += 7)
        {
            yield return content.Substring(i, Math.Min(7, content.Length - i));
        }
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static async Task WriteEventAsync(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(body);
        var inputs = body["input"] is JsonArray array ? array.Select(x => x!.ToString()).ToList() : [body["input"]!.ToString()];
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = BagOfWords(inputs[i]);
            // The .NET OpenAI client asks for base64 (little-endian float32); others ask for plain numbers.
            JsonNode embedding = body["encoding_format"]?.GetValue<string>() == "base64"
                ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        if (EmbeddingsDown)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"error":{"message":"embeddings down","type":"server_error"}}""");
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["total_tokens"] = 1 },
        }.ToJsonString());
    }

    public const int EmbeddingDimensions = 256;

    /// <summary>How many texts the embeddings endpoint has been asked for, over all requests.</summary>
    public int EmbeddedTexts => Requests.Where(r => r["input"] is not null).Sum(r => r["input"] is JsonArray array ? array.Count : 1);

    /// <summary>
    /// A deterministic bag-of-words vector: each normalised word (its first four letters, so «المتحف» and «متحف» differ
    /// but inflections of one word mostly agree) adds one to a hashed dimension. Texts sharing words point the same way.
    /// </summary>
    internal static float[] BagOfWords(string text)
    {
        var vector = new float[EmbeddingDimensions];
        foreach (var word in Bot.Core.Arabic.SentenceSplitter.Words(Bot.Core.Arabic.ArabicNormalizer.Normalize(text)))
        {
            var stem = word.Length > 4 ? word[..4] : word;
            var hash = 17;
            foreach (var c in stem)
            {
                hash = unchecked(hash * 31 + c);
            }
            vector[(hash & int.MaxValue) % EmbeddingDimensions] += 1;
        }
        return vector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
