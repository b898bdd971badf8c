using System.Text.RegularExpressions;
using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Bot.Llm.Answering;
using Bot.Llm.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Llm.Summaries;

/// <summary>
/// The day's stories with their lines written by the model: the offline digest chooses, groups and ranks the stories;
/// the model writes each story's line from its cited article's lead passages. A line is checked like an answer (Arabic,
/// one citation of a passage it was given) and otherwise, or when the model is unavailable, the offline line stays.
/// </summary>
internal sealed partial class LlmDigestService(
    IDigestService offline,
    IArticleCatalog catalog,
    ChatModel model,
    PromptLibrary prompts,
    ILogger<LlmDigestService> logger) : IDigestService
{
    /// <summary>Stories per digest whose line the model writes (a CLI digest of 200 stories stays 30 calls).</summary>
    internal const int MaxModelLines = 30;

    /// <summary>The lead passages of the cited article the model reads: where news puts what happened.</summary>
    internal const int LeadPassages = 2;

    public async Task<Digest> BuildAsync(DigestRequest request, CancellationToken cancellationToken)
    {
        var digest = await offline.BuildAsync(request, cancellationToken).ConfigureAwait(false);
        using var unavailable = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lines = await Task.WhenAll(digest.Stories.Select((story, i) => i < MaxModelLines
            ? LineAsync(story, unavailable, cancellationToken)
            : Task.FromResult(story))).ConfigureAwait(false);
        return digest with { Stories = lines };
    }

    private async Task<DigestStory> LineAsync(DigestStory story, CancellationTokenSource unavailable, CancellationToken cancellationToken)
    {
        var article = await catalog.GetAsync(story.ArticleIds[0], cancellationToken).ConfigureAwait(false);
        if (article is null || unavailable.IsCancellationRequested)
        {
            return story;
        }
        var passages = await catalog.GetPassagesAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var sources = passages.Take(LeadPassages).Select(p => new SourcePassage(article.Id, article.Title, article.Date, p.Id, p.Text)).ToList();
        try
        {
            var chat = new ChatHistory(await prompts.RenderAsync("DigestLineSystem", [], cancellationToken).ConfigureAwait(false));
            chat.AddUserMessage(await prompts.RenderAsync("SummaryUser", new KernelArguments
            {
                ["task"] = "اكتب سطرًا واحدًا يقول ما الذي حدث في هذا الخبر.",
                ["passages"] = PassageFormatter.Format(sources),
            }, cancellationToken).ConfigureAwait(false));
            var reply = await model.CompleteAsync(chat, unavailable.Token).ConfigureAwait(false);
            return Checked(reply.Text, sources) is { } line ? story with { Text = line } : story;
        }
        catch (ModelUnavailableException ex)
        {
            LogUnavailable(ex.Message);
            await unavailable.CancelAsync().ConfigureAwait(false); // The other stories keep their offline lines at once.
            return story;
        }
        catch (OperationCanceledException) when (unavailable.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return story;
        }
    }

    /// <summary>The model's first Arabic line that cites a given passage, without its marks (the front-ends add theirs); else null.</summary>
    internal static string? Checked(string reply, IReadOnlyList<SourcePassage> sources)
    {
        foreach (var line in reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = line.TrimStart('-', '•', '*', ' ');
            if (ArabicNormalizer.ArabicLetterShare(text) < LlmAnswerer.MinArabicShare)
            {
                continue;
            }
            var cited = CitationValidator.Resolve(text, sources);
            if (cited.Citations.Count > 0)
            {
                return Marks().Replace(cited.Text, string.Empty).Trim();
            }
        }
        return null;
    }

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Marks();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model unavailable for the digest's lines ({Reason}); the offline lines stay")]
    private partial void LogUnavailable(string reason);
}
