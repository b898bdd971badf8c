using System.Runtime.CompilerServices;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Core.Summaries;

namespace Bot.Core.Conversations;

/// <summary>
/// The conversation every front-end drives: list articles, summarise one or a topic, answer a question with the
/// conversation's history and remember the turn, forget on reset. Front-ends only translate messages, buttons and
/// formatting (Telegram streams and draws buttons; the console prints).
/// </summary>
public sealed class ConversationFlow(
    IArticleCatalog catalog, ISummarizer summarizer, ITimelineService timelines, IAnswerer answerer, IConversationStore conversations,
    TimeProvider clock)
{
    public Task<ArticlePage> ArticlesAsync(int page, int pageSize, string? filter, CancellationToken cancellationToken) =>
        catalog.PageAsync(new ArticleListQuery(page, pageSize, filter), cancellationToken);

    /// <summary>The summary of the article with this id, list number or title words; null when none matches.</summary>
    public async Task<Summary?> SummarizeArticleAsync(string reference, CancellationToken cancellationToken)
    {
        var article = await catalog.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        return article is null ? null : await summarizer.SummarizeAsync(article.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A topic across the archive: its timeline (or, with <paramref name="latest"/>, its newest stories first) when the
    /// archive has one, else the summary over the best passages.
    /// </summary>
    public async Task<Summary> SummarizeTopicAsync(string topic, bool latest, CancellationToken cancellationToken)
    {
        var timeline = await timelines.BuildAsync(new TimelineRequest(topic, NewestFirst: latest), cancellationToken).ConfigureAwait(false);
        return timeline.Lines.Count > 0
            ? DigestText.ToSummary(timeline)
            : await summarizer.SummarizeTopicAsync(topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// «/summary …»: an article's number or id summarises that article; other words name a topic, its timeline, and
    /// title words only when the topic has none.
    /// </summary>
    public async Task<Summary?> SummarizeAsync(string argument, CancellationToken cancellationToken)
    {
        if (!IsArticleReference(argument)
            && await timelines.BuildAsync(new TimelineRequest(argument), cancellationToken).ConfigureAwait(false) is { Lines.Count: > 0 } timeline)
        {
            return DigestText.ToSummary(timeline);
        }
        return await SummarizeArticleAsync(argument, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsArticleReference(string argument) =>
        int.TryParse(Arabic.ArabicNormalizer.Normalize(argument.Trim()), out _) || !argument.Trim().Contains(' ') && argument.Any(char.IsAsciiDigit);

    public Task ResetAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        conversations.ResetAsync(conversation, cancellationToken);

    /// <summary>
    /// Streams the answer to <paramref name="text"/> asked within <paramref name="conversation"/>: text deltas, then
    /// always one final update. An answered turn is remembered before the final update is handed out.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> AskAsync(
        ConversationKey conversation, string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = await conversations.GetAsync(conversation, cancellationToken).ConfigureAwait(false);
        var question = new Question(text, history);
        Answer? final = null;
        await foreach (var update in answerer.StreamAsync(question, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } done)
            {
                final = done;
                break;
            }
            yield return update;
        }

        final ??= await answerer.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        if (!final.Rejected)
        {
            await conversations.AppendAsync(conversation, new ConversationTurn(text, final.Text, clock.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
        }
        yield return new AnswerUpdate(null, final);
    }

    /// <summary>The whole answer at once, for front-ends that do not stream.</summary>
    public async Task<Answer> AnswerAsync(ConversationKey conversation, string text, CancellationToken cancellationToken)
    {
        await foreach (var update in AskAsync(conversation, text, cancellationToken).ConfigureAwait(false))
        {
            if (update.Final is { } final)
            {
                return final;
            }
        }
        throw new InvalidOperationException("The conversation flow ended without a final answer.");
    }
}
