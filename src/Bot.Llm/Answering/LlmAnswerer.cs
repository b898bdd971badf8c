using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Core;
using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Llm.Prompts;
using Bot.Llm.Research;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Answering;

/// <summary>
/// Retrieval decides what the model reads, the model decides the answer. The best <c>Answer:MaxPassages</c> passages go
/// to the model in retrieval order; it may search for more (<see cref="ResearchLoop"/>). Its «not found» becomes the
/// honest «لم أجد…» with the closest articles; a cited answer is shown, marked tentative when the key-content rules find
/// its support thin. Code rejects a reply only for structure: no valid citation, a quote not in the passage it cites,
/// not Arabic after one stricter retry. The extractive answer stands in then, and when the model is unavailable, and says so.
/// </summary>
internal sealed partial class LlmAnswerer(
    IPassageSearch search,
    IArticleCatalog catalog,
    IQueryRewriter rewriter,
    [FromKeyedServices(AnsweringServiceCollectionExtensions.Offline)] IAnswerer extractive,
    ISupportCheck support,
    NotFoundReply notFound,
    ResearchLoop research,
    EndpointCapabilities capabilities,
    ChatModel model,
    PromptLibrary prompts,
    IOptions<AnswerOptions> options,
    IOptions<LlmOptions> llmOptions,
    ILogger<LlmAnswerer> logger) : IAnswerer
{
    /// <summary>Below this share of Arabic letters an answer is not Arabic.</summary>
    internal const double MinArabicShare = 0.6;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(question, cancellationToken).ConfigureAwait(false);
        if (prepared.Early is { } early)
        {
            return early;
        }

        var session = NewSession(prepared);
        try
        {
            var chat = await BuildChatAsync(prepared.Text, session.Sources, Hints(capabilities.Structured, capabilities.Tools), capabilities.Tools, cancellationToken)
                .ConfigureAwait(false);
            session.PromptChars = chat.Sum(m => m.Content?.Length ?? 0);
            var (reply, requests) = await research.RunAsync(chat, session, cancellationToken).ConfigureAwait(false);
            LogCost(requests, reply.Usage?.InputTokens, reply.Usage?.OutputTokens, session.Calls.Count);
            return await FinishAsync(question, prepared, session, reply.Text, reply.Usage, clock, allowRetry: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException ex)
        {
            return await UnavailableAsync(question, session, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Streams plain [n] text as the model writes it (no JSON; function calls run between rounds), checked the same way at the end.</summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(question, cancellationToken).ConfigureAwait(false);
        if (prepared.Early is { } early)
        {
            yield return new AnswerUpdate(null, early);
            yield break;
        }

        var session = NewSession(prepared);
        var researching = capabilities.Tools;
        var chat = await BuildChatAsync(prepared.Text, session.Sources, Hints(structured: false, researching), researching, cancellationToken)
            .ConfigureAwait(false);
        session.PromptChars = chat.Sum(m => m.Content?.Length ?? 0);
        var text = new StringBuilder();
        ModelUnavailableException? failure = null;
        await using (var deltas = research.StreamAsync(chat, session, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await deltas.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (ModelUnavailableException ex)
                {
                    failure = ex;
                    break;
                }
                text.Append(deltas.Current);
                yield return new AnswerUpdate(deltas.Current, null);
            }
        }

        Answer final;
        try
        {
            final = failure is not null
                ? await UnavailableAsync(question, session, failure, cancellationToken).ConfigureAwait(false)
                : await FinishAsync(question, prepared, session, text.ToString(), null, clock, allowRetry: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException ex)
        {
            final = await UnavailableAsync(question, session, ex, cancellationToken).ConfigureAwait(false);
        }
        yield return new AnswerUpdate(null, final);
    }

    /// <summary>Either an early answer (rejected question, nothing retrieved) or the question and the passages for the model.</summary>
    private sealed record Prepared(Answer? Early, string Text, string Query, IReadOnlyList<SourcePassage> Sources, IReadOnlyList<RankedPassage> Passages);

    private async Task<Prepared> PrepareAsync(Question question, CancellationToken cancellationToken)
    {
        var guarded = QuestionGuard.Check(question.Text, options.Value.MaxQuestionLength);
        if (guarded.IsRejected)
        {
            return new Prepared(await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false), "", "", [], []);
        }

        var query = await rewriter.RewriteAsync(question with { Text = guarded.Text }, cancellationToken).ConfigureAwait(false);
        // No rule of ours stands between the retrieved passages and the model: it reads the best ones in retrieval order.
        var passages = await search.SearchAsync(query, options.Value.MaxPassages, cancellationToken).ConfigureAwait(false);
        if (passages.Count == 0)
        {
            return new Prepared(await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false), "", "", [], []);
        }
        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        return new Prepared(null, guarded.Text, query, sources, passages);
    }

    private ResearchSession NewSession(Prepared prepared) =>
        new(prepared.Sources, prepared.Passages, llmOptions.Value.MaxToolCalls, llmOptions.Value.MaxPromptTokens);

    private static string Hints(bool structured, bool research) =>
        string.Join("\n", new[] { research ? PromptLibrary.Load("ResearchHint") : "", structured ? PromptLibrary.Load("StructuredHint") : "" }
            .Where(h => h.Length > 0));

    private async Task<ChatHistory> BuildChatAsync(
        string question, IReadOnlyList<SourcePassage> sources, string extra, bool withIds, CancellationToken cancellationToken)
    {
        var system = await prompts.RenderAsync("AnswerSystem", new KernelArguments { ["extra"] = extra }, cancellationToken).ConfigureAwait(false);
        var user = await prompts.RenderAsync("AnswerUser", new KernelArguments
        {
            ["passages"] = PassageFormatter.Format(sources, withIds),
            ["question"] = question,
        }, cancellationToken).ConfigureAwait(false);
        var chat = new ChatHistory(system);
        chat.AddUserMessage(user);
        return chat;
    }

    private async Task<Answer> FinishAsync(
        Question question, Prepared prepared, ResearchSession session, string text, TokenUsage? usage, Stopwatch clock, bool allowRetry,
        CancellationToken cancellationToken)
    {
        var sources = session.Sources;
        var read = ReplyReader.Read(text, sources);
        if (read.NotFound)
        {
            var reply = await notFound.WriteAsync(prepared.Text, prepared.Passages, cancellationToken).ConfigureAwait(false);
            return new Answer(question.Text, reply, Answer.LlmMode, false, [], session.Passages, clock.Elapsed)
            {
                Model = model.Name, Usage = usage, ModelAsked = true, ModelSaidNotFound = true, ToolCalls = session.Calls,
            };
        }

        var cited = CitationValidator.Resolve(read.Text, sources);
        if (cited.Citations.Count == 0 && read.Dropped > 0)
        {
            return await FallbackAsync(question, session, FallbackReasons.QuoteNotInPassage, cancellationToken).ConfigureAwait(false);
        }
        if (ArabicNormalizer.ArabicLetterShare(cited.Text) < MinArabicShare)
        {
            if (!allowRetry)
            {
                return await FallbackAsync(question, session, FallbackReasons.NotArabic, cancellationToken).ConfigureAwait(false);
            }
            LogNotArabic(ArabicNormalizer.ArabicLetterShare(cited.Text));
            var strict = string.Join("\n", PromptLibrary.Load("StrictArabic"), Hints(capabilities.Structured, research: false));
            var chat = await BuildChatAsync(prepared.Text, sources, strict, withIds: false, cancellationToken).ConfigureAwait(false);
            var format = capabilities.Structured ? StructuredAnswer.Format : null;
            var retry = await model.CompleteAsync(chat, new ModelCall(format), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(question, prepared, session, retry.Text, Add(usage, retry.Usage), clock, allowRetry: false, cancellationToken)
                .ConfigureAwait(false);
        }
        if (cited.Citations.Count == 0)
        {
            return await FallbackAsync(question, session, FallbackReasons.NoCitation, cancellationToken).ConfigureAwait(false);
        }
        if (cited.Removed > 0 || read.Dropped > 0)
        {
            LogCitationsRemoved(cited.Removed, read.Dropped);
        }

        // The key-content rules may only warn the reader; the model's reading of the passage stands.
        var tentative = !await support.QuotesCarryAsync(prepared.Query, cited.Citations.Select(c => c.Quote), cancellationToken).ConfigureAwait(false);
        var shown = tentative ? $"{ArabicMessages.Tentative}\n{cited.Text}" : cited.Text;
        return new Answer(question.Text, shown, Answer.LlmMode, true, cited.Citations, session.Passages, clock.Elapsed)
        {
            Model = model.Name, Usage = usage, ModelAsked = true, Tentative = tentative, ToolCalls = session.Calls,
        };
    }

    private async Task<Answer> FallbackAsync(Question question, ResearchSession session, string reason, CancellationToken cancellationToken)
    {
        LogFallback(reason);
        var answer = await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        return answer with
        {
            Text = $"{answer.Text}\n\n{ArabicMessages.ModelAnswerRejected}",
            Model = model.Name, Fallback = true, FallbackReason = reason, ModelAsked = true, ToolCalls = session.Calls,
        };
    }

    private async Task<Answer> UnavailableAsync(Question question, ResearchSession session, ModelUnavailableException failure, CancellationToken cancellationToken)
    {
        LogUnavailable(failure.InnerException, failure.Message);
        var answer = await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        return answer with
        {
            Text = $"{answer.Text}\n\n{ArabicMessages.ModelUnavailable}",
            Model = model.Name, Fallback = true, FallbackReason = failure.Reason, ModelAsked = true, ToolCalls = session.Calls,
        };
    }

    private static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b : b is null ? a : new TokenUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model unavailable ({Reason}); answered extractively")]
    private partial void LogUnavailable(Exception? exception, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer replaced by the extractive one: {Reason}")]
    private partial void LogFallback(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer was not Arabic (Arabic share {Share:0.00}); retrying with a stricter instruction")]
    private partial void LogNotArabic(double share);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} citations that named no given passage and {Sentences} sentences whose quote is not in their passage")]
    private partial void LogCitationsRemoved(int count, int sentences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answered in {Requests} requests ({InputTokens} prompt + {OutputTokens} completion tokens), {Calls} function calls")]
    private partial void LogCost(int requests, int? inputTokens, int? outputTokens, int calls);
}
