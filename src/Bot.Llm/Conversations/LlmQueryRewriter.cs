using System.Text;
using Bot.Core;
using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Conversations;
using Bot.Llm.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Conversations;

/// <summary>
/// Rewrites a follow-up into a standalone question with the model, given the last turns; falls back to the offline
/// key-term rewriter when the model fails or returns something unusable.
/// </summary>
internal sealed partial class LlmQueryRewriter(
    [FromKeyedServices(AnsweringServiceCollectionExtensions.Offline)] IQueryRewriter offline, ChatModel model, PromptLibrary prompts, ILogger<LlmQueryRewriter> logger) : IQueryRewriter
{
    private const int TurnsShown = 3;
    private const int MaxRewriteLength = 300;

    public async Task<string> RewriteAsync(Question question, CancellationToken cancellationToken)
    {
        if (question.History.Count == 0)
        {
            return question.Text;
        }

        var history = new StringBuilder();
        foreach (var turn in question.History.TakeLast(TurnsShown))
        {
            history.Append("سؤال: ").Append(turn.Question).Append('\n')
                .Append("جواب: ").Append(turn.Answer.Length > 300 ? turn.Answer[..300] + "…" : turn.Answer).Append('\n');
        }
        try
        {
            var prompt = await prompts.RenderAsync("Rewrite", new KernelArguments
            {
                ["history"] = history.ToString(),
                ["question"] = question.Text,
            }, cancellationToken).ConfigureAwait(false);
            var chat = new ChatHistory();
            chat.AddUserMessage(prompt);
            var reply = await model.CompleteAsync(chat, cancellationToken).ConfigureAwait(false);
            var rewritten = reply.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
            if (rewritten.Length is > 0 and <= MaxRewriteLength && ArabicNormalizer.ArabicLetterShare(rewritten) >= 0.6)
            {
                return rewritten;
            }
        }
        catch (ModelUnavailableException ex)
        {
            LogUnavailable(ex.Message);
        }
        return await offline.RewriteAsync(question, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not rewrite a follow-up with the model ({Reason}); used the previous question's terms")]
    private partial void LogUnavailable(string reason);
}
