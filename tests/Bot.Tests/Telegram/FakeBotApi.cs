using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Telegram;

/// <summary>
/// A Telegram Bot API server on loopback for the real Telegram.Bot client. It queues updates for getUpdates (with
/// offset, limit and long-poll semantics), records every call, serves files, and rejects what Telegram rejects: empty text,
/// text over 4096 characters, HTML that does not parse, callback data over 64 bytes. Scripted failures (429 with
/// retry_after, a proxy's HTML 502) can be queued per method, and so can calls that Telegram reads and then drops or never
/// answers (<see cref="FaultNext"/>).
/// </summary>
internal sealed partial class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST-fake-token-abcdefghijklmnopqrstuv";
    public const long BotId = 123456;
    public const string BotUsername = "arabic_qa_bot";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _updates = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _failures = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;

    public FakeBotApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/bot{token}/{method}", HandleAsync);
        _app.MapGet("/file/bot{token}/{**path}", DownloadAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public string BaseUrl { get; }

    /// <summary>The clock each call's time (<c>__at</c>, Unix milliseconds) is read from: a fake one to check pacing.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every call the bot made, in order: method name and its parameters.</summary>
    public ConcurrentQueue<(string Method, JsonObject Parameters)> Calls { get; } = new();

    /// <summary>Every call Telegram would have refused, with the reason.</summary>
    public ConcurrentQueue<string> Rejections { get; } = new();

    /// <summary>The text Telegram would show for some HTML, or an error when it does not parse.</summary>
    internal static string VisibleText(string html, out string? error) => TelegramHtmlRules.VisibleText(html, out error);

    public IReadOnlyList<JsonObject> Sent(long chatId) =>
        Calls.Where(c => c.Method is "sendMessage" && c.Parameters["chat_id"]?.ToString() == chatId.ToString()).Select(c => c.Parameters).ToList();

    public void FailNext(string method, int status, string body) =>
        _failures.GetOrAdd(method, _ => new ConcurrentQueue<(int, string)>()).Enqueue((status, body));

    /// <summary>Updates queued and not yet confirmed by the bot (a getUpdates offset above them).</summary>
    public int Unconfirmed
    {
        get
        {
            lock (_lock)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>How many of the scripted failures of a method have not been served yet.</summary>
    public int FailuresLeft(string method) => _failures.TryGetValue(method, out var queue) ? queue.Count : 0;

    public int Text(long chatId, long userId, string text, string chatType = "private", int? replyTo = null, long? replyToFrom = null)
    {
        var message = Message(chatId, userId, chatType);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
        }
        if (replyTo is { } id)
        {
            var replied = Message(chatId, replyToFrom ?? BotId, chatType);
            replied["message_id"] = id;
            replied["from"] = User(replyToFrom ?? BotId, (replyToFrom ?? BotId) == BotId);
            replied["text"] = "…";
            message["reply_to_message"] = replied;
        }
        Push(new JsonObject { ["message"] = message });
        return message["message_id"]!.GetValue<int>();
    }

    /// <summary>A group message from an anonymous admin: Telegram sends GroupAnonymousBot as <c>from</c> and the group as <c>sender_chat</c>.</summary>
    public void AnonymousAdminText(long groupId, string text)
    {
        var message = Message(groupId, 1087968824, "supergroup");
        message["from"] = new JsonObject { ["id"] = 1087968824, ["is_bot"] = true, ["first_name"] = "Group", ["username"] = "GroupAnonymousBot" };
        message["sender_chat"] = Chat(groupId, "supergroup");
        message["text"] = text;
        Push(new JsonObject { ["message"] = message });
    }

    public void Sticker(long chatId, long userId)
    {
        var message = Message(chatId, userId, "private");
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "sticker1", ["file_unique_id"] = "s1", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
            ["is_animated"] = false, ["is_video"] = false,
        };
        Push(new JsonObject { ["message"] = message });
    }

    public void Document(long chatId, long userId, string fileName, byte[] content)
    {
        var fileId = "doc" + Interlocked.Increment(ref _nextMessageId);
        _files[fileId] = content;
        var message = Message(chatId, userId, "private");
        message["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId, ["file_name"] = fileName, ["file_size"] = content.Length };
        Push(new JsonObject { ["message"] = message });
    }

    public void Press(long chatId, long userId, int messageId, string data) => Push(new JsonObject
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cb" + Interlocked.Increment(ref _nextMessageId),
            ["from"] = User(userId, false),
            ["chat_instance"] = "ci",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId, ["date"] = 1_700_000_000, ["chat"] = Chat(chatId, "private"), ["from"] = User(BotId, true), ["text"] = "…",
            },
        },
    });

    /// <summary>
    /// Waits until the bot has confirmed (with a getUpdates offset) every update queued so far. Confirmed means
    /// received and stored, not handled: <see cref="BotRunner.WaitUntilIdleAsync"/> waits for that.
    /// </summary>
    public async Task WaitUntilAllConfirmedAsync(int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            lock (_lock)
            {
                if (_updates.Count == 0)
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The bot did not confirm every queued update.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the bot's calls satisfy the condition (polling the record; generous timeout).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<(string Method, JsonObject Parameters)>, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(Calls.ToList()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The bot did not make the expected calls. Calls: "
                    + string.Join(", ", Calls.Select(c => c.Method)) + ". Rejections: " + string.Join(" | ", Rejections));
            }
            await Task.Delay(50);
        }
    }

    private void Push(JsonObject update)
    {
        lock (_lock)
        {
            update["update_id"] = _nextUpdateId++;
            _updates.Add(update);
        }
        _arrived.Release();
    }

    private JsonObject Message(long chatId, long userId, string chatType) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _nextMessageId),
        ["date"] = 1_700_000_000,
        ["chat"] = Chat(chatId, chatType),
        ["from"] = User(userId, false),
    };

    private static JsonObject Chat(long id, string type) => type == "private"
        ? new JsonObject { ["id"] = id, ["type"] = type, ["first_name"] = "مستخدم" }
        : new JsonObject { ["id"] = id, ["type"] = type, ["title"] = "مجموعة الأخبار" };

    private static JsonObject User(long id, bool isBot) => isBot
        ? new JsonObject { ["id"] = id, ["is_bot"] = true, ["first_name"] = "بوت المقالات", ["username"] = BotUsername }
        : new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "سارة" };

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var parameters = await ReadParametersAsync(context.Request);
        if (token != Token)
        {
            await ReplyAsync(context, 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }
        if (method != "getUpdates")
        {
            parameters["__at"] = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            Calls.Enqueue((method, parameters));
        }
        if (await TryFaultAsync(context, method))
        {
            return;
        }
        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            await ReplyAsync(context, failure.Status, failure.Body);
            return;
        }

        JsonNode? result = method switch
        {
            "getMe" => User(BotId, true).Also(u => { u["can_join_groups"] = true; u["can_read_all_group_messages"] = false; u["supports_inline_queries"] = false; }),
            "getUpdates" => await GetUpdatesAsync(parameters, context.RequestAborted),
            "sendMessage" or "editMessageText" => SendOrEdit(method, parameters),
            "getFile" => new JsonObject
            {
                ["file_id"] = parameters["file_id"]!.ToString(), ["file_unique_id"] = "u", ["file_path"] = "documents/" + parameters["file_id"],
                ["file_size"] = _files.GetValueOrDefault(parameters["file_id"]!.ToString())?.Length ?? 0,
            },
            _ => true,
        };
        if (result is JsonObject { } error && error["__error"] is { } reason)
        {
            Rejections.Enqueue($"{method}: {reason}");
            await ReplyAsync(context, 400, new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: " + reason }.ToJsonString());
            return;
        }
        await ReplyAsync(context, 200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());
    }

    private async Task<JsonNode> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        var offset = parameters["offset"]?.GetValue<int>() ?? 0;
        var timeout = parameters["timeout"]?.GetValue<int>() ?? 0;
        var limit = Math.Clamp(parameters["limit"]?.GetValue<int>() ?? 100, 1, 100); // Telegram: 1–100, default 100
        var deadline = DateTime.UtcNow.AddSeconds(timeout);
        while (true)
        {
            lock (_lock)
            {
                // Telegram forgets updates below the offset: they were confirmed.
                _updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                if (_updates.Count > 0)
                {
                    return new JsonArray(_updates.Take(limit).Select(u => u.DeepClone()).ToArray());
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return new JsonArray();
            }
            try
            {
                await _arrived.WaitAsync(left, aborted);
            }
            catch (OperationCanceledException)
            {
                return new JsonArray();
            }
        }
    }

    private JsonObject SendOrEdit(string method, JsonObject parameters)
    {
        var text = parameters["text"]?.ToString() ?? string.Empty;
        var html = parameters["parse_mode"]?.ToString() is "HTML" or "Html";
        string? htmlError = null;
        var visible = html ? TelegramHtmlRules.VisibleText(text, out htmlError) : text;
        if (html && htmlError is not null)
        {
            return new JsonObject { ["__error"] = "can't parse entities: " + htmlError };
        }
        if (visible.Trim().Length == 0)
        {
            return new JsonObject { ["__error"] = "message text is empty" };
        }
        if (visible.Length > 4096)
        {
            return new JsonObject { ["__error"] = "message is too long" };
        }
        foreach (var button in parameters["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(r => r!.AsArray()) ?? [])
        {
            if (Encoding.UTF8.GetByteCount(button?["callback_data"]?.ToString() ?? string.Empty) > 64)
            {
                return new JsonObject { ["__error"] = "BUTTON_DATA_INVALID" };
            }
        }

        var chatId = long.Parse(parameters["chat_id"]!.ToString());
        var id = method == "editMessageText" ? parameters["message_id"]!.GetValue<int>() : Interlocked.Increment(ref _nextMessageId);
        parameters["__message_id"] = id;
        return new JsonObject
        {
            ["message_id"] = id,
            ["date"] = 1_700_000_000,
            ["chat"] = Chat(chatId, chatId < 0 ? "supergroup" : "private"),
            ["from"] = User(BotId, true),
            ["text"] = visible,
        };
    }

    private async Task DownloadAsync(HttpContext context, string token, string path)
    {
        var fileId = path.Split('/').Last();
        if (token != Token || !_files.TryGetValue(fileId, out var bytes))
        {
            context.Response.StatusCode = 404;
            return;
        }
        await context.Response.Body.WriteAsync(bytes);
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
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
        // Telegram.Bot may send chunked bodies (no Content-Length): read to the end whatever the framing.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }

    private static async Task ReplyAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/html";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> configure)
    {
        configure(value);
        return value;
    }
}
