using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bot.Core.Answering;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Llm;

/// <summary>A model reply and what it cost; <paramref name="Message"/> is kept so a tool-calling turn can join the history.</summary>
internal sealed record ModelReply(string Text, TokenUsage? Usage, IReadOnlyList<FunctionCallContent>? Calls = null, ChatMessageContent? Message = null)
{
    public IReadOnlyList<FunctionCallContent> FunctionCalls => Calls ?? [];
}

/// <summary>What one request asks of the endpoint beyond the chat: a response format and functions it may call.</summary>
internal sealed record ModelCall(object? ResponseFormat = null, IReadOnlyList<KernelFunction>? Tools = null);

/// <summary>
/// The model could not give a usable reply; <see cref="Exception.Message"/> is the cause, safe to log, and
/// <see cref="Reason"/> a short tag for metrics (<c>timeout</c>, <c>http</c>, <c>unreachable</c>, <c>malformed</c>, <c>refusal</c>, <c>empty</c>).
/// </summary>
internal sealed class ModelUnavailableException(string message, Exception? inner = null, string reason = "malformed", int? status = null)
    : Exception(message, inner)
{
    public string Reason { get; } = reason;

    /// <summary>The HTTP status the endpoint answered with, when it answered.</summary>
    public int? Status { get; } = status;
}

/// <summary>
/// Calls the chat model through Semantic Kernel with the configured timeout and turns every way a call can fail
/// (timeout, HTTP 5xx/429, refused connection, malformed or empty reply) into one <see cref="ModelUnavailableException"/>.
/// At most <see cref="LlmOptions.MaxConcurrentCalls"/> calls run at once over all chats; the wait for a turn counts in
/// the timeout, so a crowd of questions falls back to the extractive answer instead of queueing without end.
/// </summary>
internal sealed class ChatModel(Kernel kernel, IOptions<LlmOptions> options)
{
    private readonly LlmOptions _options = options.Value;
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrentCalls, options.Value.MaxConcurrentCalls);

    public string Name => _options.ChatModel ?? string.Empty;

    private OpenAIPromptExecutionSettings Settings(ModelCall? call = null) => new()
    {
        ModelId = _options.ChatModel,
        MaxTokens = _options.MaxOutputTokens,
        Temperature = _options.Temperature,
        ResponseFormat = call?.ResponseFormat,
        // The answerer runs the calls itself, so it can hold them to a budget and number the passages they return.
        FunctionChoiceBehavior = call?.Tools is { Count: > 0 } tools ? FunctionChoiceBehavior.Auto(tools, autoInvoke: false) : null,
    };

    public Task<ModelReply> CompleteAsync(ChatHistory history, CancellationToken cancellationToken) =>
        CompleteAsync(history, null, cancellationToken);

    public async Task<ModelReply> CompleteAsync(ChatHistory history, ModelCall? call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var turn = false;
        try
        {
            await _calls.WaitAsync(timeout.Token).ConfigureAwait(false);
            turn = true;
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            var reply = await chat.GetChatMessageContentAsync(history, Settings(call), kernel, timeout.Token).ConfigureAwait(false);
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            if (reply.Metadata?.GetValueOrDefault("Refusal") is string { Length: > 0 })
            {
                throw new ModelUnavailableException("the model refused to answer", reason: "refusal");
            }
            if (calls.Count == 0 && string.IsNullOrWhiteSpace(reply.Content))
            {
                throw new ModelUnavailableException("the model returned an empty reply", reason: "empty");
            }
            return new ModelReply(reply.Content ?? string.Empty, UsageOf(reply.Metadata), calls, reply);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } failure)
        {
            throw new ModelUnavailableException(failure.Message, ex, failure.Reason, StatusOf(ex));
        }
        finally
        {
            if (turn)
            {
                _calls.Release();
            }
        }
    }

    /// <summary>Text deltas as the model writes them.</summary>
    public async IAsyncEnumerable<string> StreamAsync(ChatHistory history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in StreamUpdatesAsync(history, null, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Content))
            {
                yield return update.Content;
            }
        }
    }

    /// <summary>The streamed updates themselves: text deltas and pieces of function calls.</summary>
    public async IAsyncEnumerable<StreamingChatMessageContent> StreamUpdatesAsync(
        ChatHistory history, ModelCall? call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            await _calls.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } failure)
        {
            throw new ModelUnavailableException(failure.Message, ex, failure.Reason);
        }
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        IAsyncEnumerator<StreamingChatMessageContent>? stream = null;
        try
        {
            stream = chat.GetStreamingChatMessageContentsAsync(history, Settings(call), kernel, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (Classify(ex, cancellationToken) is { } failure)
                {
                    throw new ModelUnavailableException(failure.Message, ex, failure.Reason, StatusOf(ex));
                }
                yield return stream.Current;
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            _calls.Release();
        }
    }

    /// <summary>The cause of a model failure and its tag, or null when the exception is not one (e.g. the caller cancelled).</summary>
    private (string Message, string Reason)? Classify(Exception ex, CancellationToken caller) => ex switch
    {
        ModelUnavailableException known => (known.Message, known.Reason),
        OperationCanceledException when !caller.IsCancellationRequested => ($"no reply within {_options.TimeoutSeconds} s", "timeout"),
        HttpOperationException { StatusCode: null } http => ($"cannot reach the model endpoint ({Root(http).Message})", "unreachable"),
        HttpOperationException http => ($"HTTP {(int?)http.StatusCode} from the model endpoint", "http"),
        ClientResultException { Status: 0 } client => ($"cannot reach the model endpoint ({Root(client).Message})", "unreachable"),
        ClientResultException client => ($"HTTP {client.Status} from the model endpoint", "http"),
        HttpRequestException request => ($"cannot reach the model endpoint ({request.HttpRequestError})", "unreachable"),
        JsonException => ("malformed reply from the model endpoint", "malformed"),
        KernelException kernelError => ($"Semantic Kernel error: {kernelError.Message}", "malformed"),
        InvalidOperationException invalid when invalid.Source?.StartsWith("OpenAI", StringComparison.Ordinal) == true =>
            ("malformed reply from the model endpoint", "malformed"),
        _ => null,
    };

    private static int? StatusOf(Exception ex) => ex switch
    {
        HttpOperationException { StatusCode: { } code } => (int)code,
        ClientResultException { Status: > 0 } client => client.Status,
        _ => null,
    };

    private static Exception Root(Exception ex) => ex.InnerException is { } inner ? Root(inner) : ex;

    private static TokenUsage? UsageOf(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault("Usage") is OpenAI.Chat.ChatTokenUsage usage
            ? new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount)
            : null;
}
