using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary><c>Llm</c> section: an OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp).</summary>
internal sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base URL such as <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>; empty = offline.</summary>
    public string? Endpoint { get; set; }

    /// <summary>From the environment (<c>Llm__ApiKey</c>) or user secrets only; never logged.</summary>
    public string? ApiKey { get; set; }

    public string? ChatModel { get; set; }

    /// <summary>Embedding model for dense retrieval (fused with BM25 when <c>Search:Mode</c> is hybrid); empty = lexical only.</summary>
    public string? EmbeddingModel { get; set; }

    public int TimeoutSeconds { get; set; } = 60;

    public int MaxOutputTokens { get; set; } = 800;

    public double Temperature { get; set; } = 0.2;

    /// <summary>Ask for answers as JSON (found, sentences with passage numbers and verbatim quotes); endpoints that refuse get plain [n] text.</summary>
    public bool StructuredAnswers { get; set; } = true;

    /// <summary>Let the model search the articles again (function calling) when the first passages are not enough.</summary>
    public bool Research { get; set; } = true;

    /// <summary>Most function calls the model may make for one question.</summary>
    public int MaxToolCalls { get; set; } = 3;

    /// <summary>Passages stop being added by research once the prompt would pass this many tokens (estimated).</summary>
    public int MaxPromptTokens { get; set; } = 6000;

    /// <summary>Chat-model calls running at once over all chats; the others wait their turn (within <see cref="TimeoutSeconds"/>).</summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public override string ToString() => $"Llm(Endpoint={Endpoint}, ChatModel={ChatModel})";
}

/// <summary>Checks the section as a whole, so each message names the key to fix.</summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (got '{options.Endpoint}').");
        }
        if (string.IsNullOrWhiteSpace(options.ChatModel))
        {
            failures.Add("Llm:ChatModel must name the chat model when Llm:Endpoint is set (e.g. gpt-4o-mini, llama3.1).");
        }
        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add("Llm:TimeoutSeconds must be between 1 and 600.");
        }
        if (options.MaxOutputTokens is < 16 or > 32000)
        {
            failures.Add("Llm:MaxOutputTokens must be between 16 and 32000.");
        }
        if (options.MaxToolCalls is < 0 or > 10)
        {
            failures.Add("Llm:MaxToolCalls must be between 0 and 10.");
        }
        if (options.MaxPromptTokens is < 500 or > 200_000)
        {
            failures.Add("Llm:MaxPromptTokens must be between 500 and 200000.");
        }
        if (options.Temperature is < 0 or > 2)
        {
            failures.Add("Llm:Temperature must be between 0 and 2.");
        }
        if (options.MaxConcurrentCalls is < 1 or > 256)
        {
            failures.Add("Llm:MaxConcurrentCalls must be between 1 and 256.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Whether answers go through a model, and which; for status lines and JSON.</summary>
internal sealed record LlmStatus(bool IsEnabled, string? Model);
