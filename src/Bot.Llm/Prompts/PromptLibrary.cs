using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace Bot.Llm.Prompts;

/// <summary>
/// The prompt files embedded beside this class, rendered with Semantic Kernel's prompt template syntax
/// (<c>{{$name}}</c>). Each rendered prompt becomes the content of one chat message built in code, never parsed for
/// message tags, so article text cannot inject messages; that is why values are inserted verbatim.
/// </summary>
internal sealed class PromptLibrary(Kernel kernel)
{
    private static readonly ConcurrentDictionary<string, string> Sources = new();
    private readonly KernelPromptTemplateFactory _factory = new() { AllowDangerouslySetContent = true };

    public Task<string> RenderAsync(string name, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var config = new PromptTemplateConfig(Load(name)) { AllowDangerouslySetContent = true };
        return _factory.Create(config).RenderAsync(kernel, arguments, cancellationToken);
    }

    internal static string Load(string name) => Sources.GetOrAdd(name, static n =>
    {
        var resource = $"Bot.Llm.Prompts.{n}.txt";
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Prompt {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
