using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Llm.Answering;
using Bot.Llm.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Research;

/// <summary>
/// One question's exchange with the model: offers the JSON answer format and the <see cref="ArticlePlugin"/> functions
/// when the endpoint takes them, runs the functions the model calls (at most <c>Llm:MaxToolCalls</c>, within
/// <c>Llm:TimeoutSeconds</c> and <c>Llm:MaxPromptTokens</c>) and returns its final reply. An endpoint that rejects
/// the format or the functions is asked again without them, and remembered.
/// </summary>
internal sealed partial class ResearchLoop(
    ChatModel model,
    EndpointCapabilities capabilities,
    IPassageSearch search,
    IArticleCatalog catalog,
    Kernel kernel,
    IOptions<LlmOptions> options,
    ILogger<ResearchLoop> logger)
{
    /// <summary>The final reply with the usage of every request it took, and how many requests that was.</summary>
    public async Task<(ModelReply Reply, int Requests)> RunAsync(ChatHistory chat, ResearchSession session, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var plugin = KernelPluginFactory.CreateFromObject(new ArticlePlugin(session, search, catalog), ArticlePlugin.Name);
        var clock = Stopwatch.StartNew();
        TokenUsage? usage = null;
        var requests = 0;
        while (true)
        {
            var researching = capabilities.Tools && session.Calls.Count < settings.MaxToolCalls && session.HasRoom
                && clock.Elapsed < TimeSpan.FromSeconds(settings.TimeoutSeconds);
            var format = capabilities.Structured ? StructuredAnswer.Format : null;
            var tools = researching ? plugin.ToList() : null;
            ModelReply reply;
            try
            {
                requests++;
                reply = await model.CompleteAsync(chat, new ModelCall(format, tools), cancellationToken).ConfigureAwait(false);
            }
            catch (ModelUnavailableException ex) when (ex.Status is 400 or 422 && (format is not null || tools is not null))
            {
                Blame(ex, format is not null, tools is not null);
                continue;
            }
            usage = Add(usage, reply.Usage);

            if (reply.FunctionCalls.Count == 0)
            {
                if (format is not null)
                {
                    if (StructuredAnswer.TryParse(reply.Text) is null)
                    {
                        capabilities.DropStructured("ignored");
                    }
                    else
                    {
                        capabilities.StructuredWorks();
                    }
                }
                return (reply with { Usage = usage }, requests);
            }
            if (requests > settings.MaxToolCalls + 3)
            {
                throw new ModelUnavailableException("the model kept calling functions past its budget", reason: "malformed");
            }

            chat.Add(reply.Message!);
            foreach (var call in reply.FunctionCalls)
            {
                var result = await InvokeAsync(call, plugin, session, cancellationToken).ConfigureAwait(false);
                chat.Add(new FunctionResultContent(call, result).ToChatMessage());
                session.PromptChars += result.Length;
            }
        }
    }

    /// <summary>
    /// Streams the text of the model's reply (plain [n] text: JSON is no reading while it is written), running the
    /// functions it calls between rounds under the same budget as <see cref="RunAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(ChatHistory chat, ResearchSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var plugin = KernelPluginFactory.CreateFromObject(new ArticlePlugin(session, search, catalog), ArticlePlugin.Name);
        var clock = Stopwatch.StartNew();
        for (var round = 1; ; round++)
        {
            var researching = capabilities.Tools && session.Calls.Count < settings.MaxToolCalls && session.HasRoom
                && clock.Elapsed < TimeSpan.FromSeconds(settings.TimeoutSeconds);
            var tools = researching ? plugin.ToList() : null;
            var calls = new FunctionCallContentBuilder();
            var rejected = false;
            await using (var updates = model.StreamUpdatesAsync(chat, new ModelCall(null, tools), cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (ModelUnavailableException ex) when (ex.Status is 400 or 422 && tools is not null)
                    {
                        Blame(ex, hadFormat: false, hadTools: true);
                        rejected = true;
                        break;
                    }
                    calls.Append(updates.Current);
                    if (!string.IsNullOrEmpty(updates.Current.Content))
                    {
                        yield return updates.Current.Content;
                    }
                }
            }
            if (rejected)
            {
                continue;
            }
            var requested = calls.Build();
            if (requested.Count == 0)
            {
                yield break;
            }
            if (round > settings.MaxToolCalls + 3)
            {
                throw new ModelUnavailableException("the model kept calling functions past its budget", reason: "malformed");
            }
            var message = new ChatMessageContent(AuthorRole.Assistant, content: null);
            foreach (var call in requested)
            {
                message.Items.Add(call);
            }
            chat.Add(message);
            foreach (var call in requested)
            {
                var result = await InvokeAsync(call, plugin, session, cancellationToken).ConfigureAwait(false);
                chat.Add(new FunctionResultContent(call, result).ToChatMessage());
                session.PromptChars += result.Length;
            }
        }
    }

    private async Task<string> InvokeAsync(FunctionCallContent call, KernelPlugin plugin, ResearchSession session, CancellationToken cancellationToken)
    {
        var arguments = string.Join(", ", (call.Arguments ?? []).Select(a => $"{a.Key}={a.Value}"));
        if (session.Calls.Count >= options.Value.MaxToolCalls)
        {
            LogBudget(call.FunctionName, arguments);
            return ArticlePlugin.BudgetSpent;
        }
        if (!plugin.TryGetFunction(call.FunctionName, out var function))
        {
            session.Record(call.FunctionName, arguments, 0);
            return $"لا توجد دالة باسم {call.FunctionName}.";
        }
        var before = session.Sources.Count;
        var result = await function.InvokeAsync(kernel, call.Arguments ?? [], cancellationToken).ConfigureAwait(false);
        LogCall(call.FunctionName, arguments, session.Sources.Count - before, before + 1);
        return result.GetValue<string>() ?? string.Empty;
    }

    /// <summary>Which part of the request a 400 refused: the body usually names it; otherwise the format goes first.</summary>
    private void Blame(ModelUnavailableException ex, bool hadFormat, bool hadTools)
    {
        var body = (ex.InnerException?.Message ?? ex.Message).ToLowerInvariant();
        var tools = hadTools && (!hadFormat || body.Contains("tool", StringComparison.Ordinal) || body.Contains("function", StringComparison.Ordinal));
        if (tools)
        {
            capabilities.DropTools($"rejected (HTTP {ex.Status})");
        }
        else
        {
            capabilities.DropStructured($"rejected (HTTP {ex.Status})");
        }
    }

    private static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b : b is null ? a : new TokenUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model called {Function}({Arguments}): {Added} new passages, numbered from [{First}]")]
    private partial void LogCall(string function, string arguments, int added, int first);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model asked for {Function}({Arguments}) past its budget of calls; told to answer from what it has")]
    private partial void LogBudget(string function, string arguments);
}
