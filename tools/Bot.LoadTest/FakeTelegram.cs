using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.LoadTest;

/// <summary>
/// The Bot API on 127.0.0.1 for the replicas: answers what they call, and counts each reply by the message it
/// replies to (every question's message id is unique), with the time of the first reply.
/// </summary>
internal sealed class FakeTelegram : IAsyncDisposable
{
    public const string Token = "123456:LOADTEST-fake-token-abcdefghijklmnop";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, int> _replies = new();
    private readonly ConcurrentDictionary<long, long> _firstReplyAt = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<int>> _senders = new();
    private int _nextMessageId = 1_000_000;

    public FakeTelegram(int replicas)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. Enumerable.Range(0, replicas).Select(_ => "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/bot{token}/{method}", HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Ports = [.. _app.Urls.Select(u => new Uri(u).Port)];
    }

    /// <summary>One port per replica: replica N (1-based) calls <c>http://127.0.0.1:Ports[N-1]</c>.</summary>
    public List<int> Ports { get; }

    public int SetWebhookCalls;

    /// <summary>Replies per replied-to message id.</summary>
    public IReadOnlyDictionary<long, int> Replies => _replies;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the first reply per replied-to message id.</summary>
    public IReadOnlyDictionary<long, long> FirstReplyAt => _firstReplyAt;

    /// <summary>The replicas (1-based) that replied, per replied-to message id, in order.</summary>
    public IReadOnlyDictionary<long, ConcurrentQueue<int>> Senders => _senders;

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        // Each replica calls its own port, so every reply is attributed to its sender.
        var sender = Ports.IndexOf(context.Connection.LocalPort) + 1;
        var parameters = await ReadAsync(context.Request);
        if (token != Token)
        {
            await WriteAsync(context, 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }
        JsonNode result = method switch
        {
            "getMe" => new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "بوت", ["username"] = "load_test_bot" },
            "sendMessage" => Sent(parameters, sender),
            "editMessageText" => Message(parameters, parameters["message_id"]?.GetValue<int>() ?? 0),
            _ => true,
        };
        if (method == "setWebhook")
        {
            Interlocked.Increment(ref SetWebhookCalls);
        }
        await WriteAsync(context, 200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());
    }

    private JsonObject Sent(JsonObject parameters, int replica)
    {
        if (parameters["reply_parameters"]?["message_id"]?.GetValue<long>() is { } replyTo)
        {
            var now = Stopwatch.GetTimestamp();
            _replies.AddOrUpdate(replyTo, 1, (_, n) => n + 1);
            _firstReplyAt.TryAdd(replyTo, now);
            _senders.GetOrAdd(replyTo, _ => new ConcurrentQueue<int>()).Enqueue(replica);
        }
        return Message(parameters, Interlocked.Increment(ref _nextMessageId));
    }

    private static JsonObject Message(JsonObject parameters, int id) => new()
    {
        ["message_id"] = id,
        ["date"] = 1_700_000_000,
        ["chat"] = new JsonObject { ["id"] = long.Parse(parameters["chat_id"]?.ToString() ?? "0"), ["type"] = "private", ["first_name"] = "س" },
        ["text"] = parameters["text"]?.ToString() ?? string.Empty,
    };

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var result = new JsonObject();
            foreach (var (key, value) in form)
            {
                result[key] = value.ToString();
            }
            return result;
        }
        // Telegram.Bot may send chunked bodies: read to the end whatever the framing.
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
