using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Conversations;
using Bot.Core.Search;
using Bot.Llm.Plugins;
using Bot.Llm.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Answering;

/// <summary>
/// Answers through the language model, grounded in the numbered passages, and checks the result in code:
/// citations must name a given passage (invalid ones removed; none left → extractive answer), the text must be
/// Arabic (one stricter retry, then extractive), and any model failure falls back to the extractive answer with a
/// short Arabic note. The extractive answerer is also used for rejected questions and when nothing is retrieved.
/// </summary>
internal sealed partial class LlmAnswerer(
    ArticlePlugin articles,
    IArticleCatalog catalog,
    IQueryRewriter rewriter,
    ExtractiveAnswerer extractive,
    AnswerSupport support,
    ArchiveCalendar calendar,
    ChatModel model,
    PromptLibrary prompts,
    IOptions<AnswerOptions> options,
    ILogger<LlmAnswerer> logger) : IAnswerer
{
    /// <summary>Below this share of Arabic letters an answer is not Arabic.</summary>
    internal const double MinArabicShare = 0.6;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(question, cancellationToken).ConfigureAwait(false);
        if (prepared.Fallback is { } early)
        {
            return early;
        }

        try
        {
            var reply = await model.CompleteAsync(prepared.Chat!, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(question, prepared, reply.Text, reply.Usage, clock, allowRetry: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException ex)
        {
            return await UnavailableAsync(question, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(question, cancellationToken).ConfigureAwait(false);
        if (prepared.Fallback is { } early)
        {
            yield return new AnswerUpdate(null, early);
            yield break;
        }

        var text = new StringBuilder();
        ModelUnavailableException? failure = null;
        await using (var deltas = model.StreamAsync(prepared.Chat!, cancellationToken).GetAsyncEnumerator(cancellationToken))
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
        if (failure is not null)
        {
            final = await UnavailableAsync(question, failure, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                final = await FinishAsync(question, prepared, text.ToString(), null, clock, allowRetry: true, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelUnavailableException ex)
            {
                final = await UnavailableAsync(question, ex, cancellationToken).ConfigureAwait(false);
            }
        }
        yield return new AnswerUpdate(null, final);
    }

    /// <summary>Either an early answer (rejected question, nothing retrieved) or the chat to send and its sources.</summary>
    private sealed record Prepared(
        Answer? Fallback, ChatHistory? Chat, IReadOnlyList<SourcePassage> Sources, IReadOnlyList<RankedPassage> Passages, string Query = "");

    private async Task<Prepared> PrepareAsync(Question question, CancellationToken cancellationToken)
    {
        var guarded = QuestionGuard.Check(question.Text, options.Value.MaxQuestionLength);
        if (guarded.IsRejected)
        {
            return new Prepared(await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false), null, [], []);
        }

        var query = await rewriter.RewriteAsync(question with { Text = guarded.Text }, cancellationToken).ConfigureAwait(false);
        var retrieved = await articles.SearchAsync(query, options.Value.MaxPassages, cancellationToken).ConfigureAwait(false);
        // Passages that do not carry the question's key content are never offered as if they answered it; with none
        // left, the offline answerer gives the honest «not found» with the closest articles, and the model is not asked.
        var passages = await calendar.AsksAfterArchiveAsync(guarded.Text, cancellationToken).ConfigureAwait(false)
            ? []
            : await support.SupportingAsync(query, retrieved, options.Value.RequireRelation, cancellationToken).ConfigureAwait(false);
        if (passages.Count == 0)
        {
            return new Prepared(await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false), null, [], []);
        }

        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var chat = await BuildChatAsync(guarded.Text, sources, extra: string.Empty, cancellationToken).ConfigureAwait(false);
        return new Prepared(null, chat, sources, passages, query);
    }

    private async Task<ChatHistory> BuildChatAsync(string question, IReadOnlyList<SourcePassage> sources, string extra, CancellationToken cancellationToken)
    {
        var system = await prompts.RenderAsync("AnswerSystem", new KernelArguments { ["extra"] = extra }, cancellationToken).ConfigureAwait(false);
        var user = await prompts.RenderAsync("AnswerUser", new KernelArguments
        {
            ["passages"] = PassageFormatter.Format(sources),
            ["question"] = question,
        }, cancellationToken).ConfigureAwait(false);
        var chat = new ChatHistory(system);
        chat.AddUserMessage(user);
        return chat;
    }

    private async Task<Answer> FinishAsync(
        Question question, Prepared prepared, string text, TokenUsage? usage, Stopwatch clock, bool allowRetry, CancellationToken cancellationToken)
    {
        var cited = CitationValidator.Resolve(text, prepared.Sources);
        if (ArabicNormalizer.ArabicLetterShare(cited.Text) < MinArabicShare)
        {
            if (allowRetry)
            {
                LogNotArabic(ArabicNormalizer.ArabicLetterShare(cited.Text));
                var strict = PromptLibrary.Load("StrictArabic");
                var chat = await BuildChatAsync(QuestionGuard.Check(question.Text, int.MaxValue).Text, prepared.Sources, strict, cancellationToken)
                    .ConfigureAwait(false);
                var retry = await model.CompleteAsync(chat, cancellationToken).ConfigureAwait(false);
                return await FinishAsync(question, prepared, retry.Text, Add(usage, retry.Usage), clock, allowRetry: false, cancellationToken)
                    .ConfigureAwait(false);
            }
            return await FallbackAsync(question, "the model did not answer in Arabic", cancellationToken).ConfigureAwait(false);
        }
        if (cited.Citations.Count == 0)
        {
            return await FallbackAsync(question, "the model's answer cited no given passage", cancellationToken).ConfigureAwait(false);
        }
        if (cited.Removed > 0)
        {
            LogCitationsRemoved(cited.Removed);
        }
        if (!await support.QuotesCarryAsync(prepared.Query, cited.Citations.Select(c => c.Quote), cancellationToken).ConfigureAwait(false))
        {
            return await FallbackAsync(question, "the sentences the model cited do not carry the question's key content", cancellationToken)
                .ConfigureAwait(false);
        }

        return new Answer(question.Text, cited.Text, Answer.LlmMode, true, cited.Citations, prepared.Passages, clock.Elapsed)
        {
            Model = model.Name,
            Usage = usage,
        };
    }

    private async Task<Answer> FallbackAsync(Question question, string reason, CancellationToken cancellationToken)
    {
        LogFallback(reason);
        var answer = await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        return answer with { Model = model.Name, Fallback = true };
    }

    private async Task<Answer> UnavailableAsync(Question question, ModelUnavailableException failure, CancellationToken cancellationToken)
    {
        LogUnavailable(failure.InnerException, failure.Message);
        var answer = await extractive.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        return answer with { Text = $"{answer.Text}\n\n{ArabicMessages.ModelUnavailable}", Model = model.Name, Fallback = true };
    }

    private static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b : b is null ? a : new TokenUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model unavailable ({Reason}); answered extractively")]
    private partial void LogUnavailable(Exception? exception, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer replaced by the extractive one: {Reason}")]
    private partial void LogFallback(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer was not Arabic (Arabic share {Share:0.00}); retrying with a stricter instruction")]
    private partial void LogNotArabic(double share);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} citations that named no given passage")]
    private partial void LogCitationsRemoved(int count);
}
