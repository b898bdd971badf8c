using Bot.Core;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Llm.Answering;
using Bot.Llm.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Summaries;

/// <summary>
/// Summaries written by the model: 3–5 Arabic bullets, each ending with a valid <c>[n]</c>. Bullets without one are
/// dropped; fewer than three valid bullets, a failure or a non-Arabic reply → the extractive summary. An article's
/// own publisher summary still wins, and the digest stays the extractive list of titles and dates.
/// </summary>
internal sealed partial class LlmSummarizer(
    [FromKeyedServices(AnsweringServiceCollectionExtensions.Offline)] ISummarizer extractive,
    IArticleCatalog catalog,
    IPassageSearch articles,
    ChatModel model,
    PromptLibrary prompts,
    ILogger<LlmSummarizer> logger) : ISummarizer
{
    private const int MinBullets = 3;
    private const int MaxBullets = 5;
    private const int TopicPassages = 8;

    public async Task<Summary?> SummarizeAsync(string articleId, CancellationToken cancellationToken)
    {
        var article = await catalog.GetAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (article is null || article.HasPublisherSummary)
        {
            return await extractive.SummarizeAsync(articleId, cancellationToken).ConfigureAwait(false);
        }

        var passages = await catalog.GetPassagesAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var sources = passages.Select(p => new SourcePassage(article.Id, article.Title, article.Date, p.Id, p.Text)).ToList();
        var summary = await GenerateAsync(
            $"لخّص المقالة «{article.Title}» في 3 إلى 5 نقاط.", sources, article.Id, article.Title, article.Date, cancellationToken).ConfigureAwait(false);
        return summary ?? await extractive.SummarizeAsync(articleId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Summary> SummarizeTopicAsync(string topic, CancellationToken cancellationToken)
    {
        var passages = await articles.SearchAsync(topic, TopicPassages, cancellationToken).ConfigureAwait(false);
        if (passages.Count > 0)
        {
            var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
            var summary = await GenerateAsync(
                $"لخّص ما تقوله المقاطع عن: {topic}", sources, string.Empty, topic, null, cancellationToken).ConfigureAwait(false);
            if (summary is not null)
            {
                return summary;
            }
        }
        return await extractive.SummarizeTopicAsync(topic, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Summary?> GenerateAsync(
        string task, IReadOnlyList<SourcePassage> sources, string articleId, string title, DateOnly? date, CancellationToken cancellationToken)
    {
        try
        {
            var chat = new ChatHistory(await prompts.RenderAsync("SummarySystem", [], cancellationToken).ConfigureAwait(false));
            chat.AddUserMessage(await prompts.RenderAsync("SummaryUser", new KernelArguments
            {
                ["task"] = task,
                ["passages"] = PassageFormatter.Format(sources),
            }, cancellationToken).ConfigureAwait(false));
            var reply = await model.CompleteAsync(chat, cancellationToken).ConfigureAwait(false);

            var bullets = reply.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.TrimStart('-', '•', '*', ' '))
                .Where(line => line.Length > 0 && Bot.Core.Arabic.ArabicNormalizer.ArabicLetterShare(line) >= LlmAnswerer.MinArabicShare)
                .ToList();
            var cited = CitationValidator.Resolve(string.Join('\n', bullets), sources);
            var valid = cited.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\[\d+\]"))
                .Take(MaxBullets)
                .ToList();
            if (valid.Count < MinBullets && !(sources.Count < MinBullets && valid.Count > 0))
            {
                LogFallback($"{valid.Count} cited Arabic bullets");
                return null;
            }
            var used = CitationValidator.Resolve(string.Join('\n', valid), cited.Citations
                .Select(c => sources.First(s => s.PassageId == c.PassageId)).ToList());
            return new Summary(articleId, title, date, Summary.LlmKind,
                used.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries), used.Citations);
        }
        catch (ModelUnavailableException ex)
        {
            LogUnavailable(ex.InnerException, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model unavailable for a summary ({Reason}); summarised extractively")]
    private partial void LogUnavailable(Exception? exception, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model summary replaced by the extractive one: {Reason}")]
    private partial void LogFallback(string reason);
}
