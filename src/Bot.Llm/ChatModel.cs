using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bot.Core.Answering;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Llm;

/// <summary>A model reply and what it cost.</summary>
internal sealed record ModelReply(string Text, TokenUsage? Usage);

/// <summary>The model could not give a usable reply; <see cref="Exception.Message"/> is the cause, safe to log.</summary>
internal sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

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

    private OpenAIPromptExecutionSettings Settings => new()
    {
        ModelId = _options.ChatModel,
        MaxTokens = _options.MaxOutputTokens,
        Temperature = _options.Temperature,
    };

    public async Task<ModelReply> CompleteAsync(ChatHistory history, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var turn = false;
        try
        {
            await _calls.WaitAsync(timeout.Token).ConfigureAwait(false);
            turn = true;
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            var reply = await chat.GetChatMessageContentAsync(history, Settings, kernel, timeout.Token).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(reply.Content))
            {
                throw new ModelUnavailableException("the model returned an empty reply");
            }
            return new ModelReply(reply.Content, UsageOf(reply.Metadata));
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } reason)
        {
            throw new ModelUnavailableException(reason, ex);
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            await _calls.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } reason)
        {
            throw new ModelUnavailableException(reason, ex);
        }
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        IAsyncEnumerator<StreamingChatMessageContent>? stream = null;
        try
        {
            stream = chat.GetStreamingChatMessageContentsAsync(history, Settings, kernel, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (true)
            {
                string? delta;
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                    delta = stream.Current.Content;
                }
                catch (Exception ex) when (Classify(ex, cancellationToken) is { } reason)
                {
                    throw new ModelUnavailableException(reason, ex);
                }
                if (!string.IsNullOrEmpty(delta))
                {
                    yield return delta;
                }
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

    /// <summary>The cause of a model failure, or null when the exception is not one (e.g. the caller cancelled).</summary>
    private string? Classify(Exception ex, CancellationToken caller) => ex switch
    {
        ModelUnavailableException => ex.Message,
        OperationCanceledException when !caller.IsCancellationRequested => $"no reply within {_options.TimeoutSeconds} s",
        HttpOperationException { StatusCode: null } http => $"cannot reach the model endpoint ({Root(http).Message})",
        HttpOperationException http => $"HTTP {(int?)http.StatusCode} from the model endpoint",
        ClientResultException { Status: 0 } client => $"cannot reach the model endpoint ({Root(client).Message})",
        ClientResultException client => $"HTTP {client.Status} from the model endpoint",
        HttpRequestException request => $"cannot reach the model endpoint ({request.HttpRequestError})",
        JsonException => "malformed reply from the model endpoint",
        KernelException kernelError => $"Semantic Kernel error: {kernelError.Message}",
        InvalidOperationException invalid when invalid.Source?.StartsWith("OpenAI", StringComparison.Ordinal) == true => "malformed reply from the model endpoint",
        _ => null,
    };

    private static Exception Root(Exception ex) => ex.InnerException is { } inner ? Root(inner) : ex;

    private static TokenUsage? UsageOf(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault("Usage") is OpenAI.Chat.ChatTokenUsage usage
            ? new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount)
            : null;
}
