using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary>
/// What the configured endpoint accepts, learned from its first replies and remembered for the life of the process:
/// JSON-schema answers (<c>response_format</c>) and function calling. Each is dropped once, with one log line.
/// </summary>
internal sealed partial class EndpointCapabilities(IOptions<LlmOptions> options, ILogger<EndpointCapabilities> logger)
{
    private int _structuredDropped;
    private int _toolsDropped;
    private int _structuredConfirmed;

    public bool Structured => options.Value.StructuredAnswers && Volatile.Read(ref _structuredDropped) == 0;

    public bool Tools => options.Value.Research && options.Value.MaxToolCalls > 0 && Volatile.Read(ref _toolsDropped) == 0;

    /// <summary>The endpoint answered in the requested JSON: logged once.</summary>
    public void StructuredWorks()
    {
        if (Interlocked.Exchange(ref _structuredConfirmed, 1) == 0)
        {
            LogStructured(options.Value.Endpoint);
        }
    }

    /// <summary>The endpoint rejected or ignored <c>response_format</c>: plain text with [n] marks from now on.</summary>
    public void DropStructured(string why)
    {
        if (Interlocked.Exchange(ref _structuredDropped, 1) == 0)
        {
            LogPlain(options.Value.Endpoint, why);
        }
    }

    /// <summary>The endpoint rejected function calling: answers come from the first passages only from now on.</summary>
    public void DropTools(string why)
    {
        if (Interlocked.Exchange(ref _toolsDropped, 1) == 0)
        {
            LogNoTools(options.Value.Endpoint, why);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model endpoint {Endpoint} answers in the requested JSON schema; structured answers are used")]
    private partial void LogStructured(string? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model endpoint {Endpoint} {Why} response_format; answers are read as plain text with [n] marks from now on")]
    private partial void LogPlain(string? endpoint, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model endpoint {Endpoint} {Why} function calling; the model answers from the first passages only from now on")]
    private partial void LogNoTools(string? endpoint, string why);
}
