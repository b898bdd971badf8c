using System.Globalization;
using Bot.Core.Corpus;
using Bot.Core.Search;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Sources;

public enum IntakeStatus
{
    Added,
    Updated,
    Duplicate,
    Failed,
}

/// <param name="Article">The new, updated or already present article; null when it failed.</param>
/// <param name="Problem">Why it failed, in English for logs.</param>
/// <param name="Refused">The address was refused by the private-network guard.</param>
public sealed record IntakeResult(IntakeStatus Status, Article? Article, int ArticleCount, string? Problem = null, bool Refused = false);

/// <summary>A post in a Telegram channel the bot follows, as the front-end saw it.</summary>
/// <param name="ChannelUsername">The channel's public @name without «@», null for a private channel.</param>
public sealed record ChannelPost(long ChannelId, string? ChannelUsername, string? ChannelTitle, int MessageId, DateTimeOffset Date, string Text, bool Edited);

/// <summary>Articles that arrive one at a time: links sent by an admin, and posts in followed channels.</summary>
public interface IArticleIntake
{
    /// <summary>Fetches the page, extracts its article and adds it; a link already in the archive is a duplicate.</summary>
    Task<IntakeResult> AddLinkAsync(string url, CancellationToken cancellationToken);

    /// <summary>A new post becomes an article; an edited post replaces its article.</summary>
    Task<IntakeResult> AddChannelPostAsync(ChannelPost post, CancellationToken cancellationToken);
}

internal sealed partial class ArticleIntake(
    WebArticleReader reader, IArticleWriter writer, IArticleCatalog catalog, ILogger<ArticleIntake> logger) : IArticleIntake, IDisposable
{
    /// <summary>A post and its edit may arrive together: one read-compare-write of a channel article at a time.</summary>
    private readonly SemaphoreSlim _channelGate = new(1, 1);

    public async Task<IntakeResult> AddLinkAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new IntakeResult(IntakeStatus.Failed, null, 0, $"not an http(s) address: {url}");
        }
        var canonical = ArticleUrls.Canonical(uri);
        if (await catalog.GetAsync(WebArticleReader.IdForUrl(canonical, ArticleUrls.SiteName(canonical)), cancellationToken).ConfigureAwait(false) is { } known)
        {
            return new IntakeResult(IntakeStatus.Duplicate, known, await catalog.CountAsync(cancellationToken).ConfigureAwait(false));
        }
        try
        {
            var article = await reader.FromLinkAsync(uri, cancellationToken).ConfigureAwait(false);
            if (await catalog.GetAsync(article.Id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return new IntakeResult(IntakeStatus.Duplicate, existing, await catalog.CountAsync(cancellationToken).ConfigureAwait(false));
            }
            var result = await writer.AddAsync(article, cancellationToken).ConfigureAwait(false);
            if (!result.Duplicate)
            {
                LogLinkAdded(result.Article.Id, canonical.Host, result.ArticleCount);
            }
            return new IntakeResult(result.Duplicate ? IntakeStatus.Duplicate : IntakeStatus.Added, result.Article, result.ArticleCount);
        }
        catch (SourceFetchException ex)
        {
            LogLinkFailed(canonical.Host, ex.Message);
            return new IntakeResult(IntakeStatus.Failed, null, 0, ex.Message, ex.Blocked);
        }
        catch (InvalidArticleException ex)
        {
            LogLinkFailed(canonical.Host, ex.Message);
            return new IntakeResult(IntakeStatus.Failed, null, 0, ex.Message);
        }
    }

    public async Task<IntakeResult> AddChannelPostAsync(ChannelPost post, CancellationToken cancellationToken)
    {
        var paragraphs = post.Text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (paragraphs.Count == 0)
        {
            return new IntakeResult(IntakeStatus.Failed, null, 0, "the post has no text");
        }
        var id = string.Create(CultureInfo.InvariantCulture, $"tg-{Math.Abs(post.ChannelId)}-{post.MessageId}");
        var title = WebArticleReader.TitleFrom(paragraphs);
        if (paragraphs.Count > 1 && paragraphs[0] == title)
        {
            paragraphs.RemoveAt(0); // A first line that is a headline is the title, not body text.
        }
        var article = new Article(id, title, DateOnly.FromDateTime(post.Date.UtcDateTime), post.ChannelTitle ?? post.ChannelUsername ?? "Telegram",
            LinkOf(post), paragraphs, []);

        await _channelGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (previous is not null && !post.Edited)
            {
                return new IntakeResult(IntakeStatus.Duplicate, previous, await catalog.CountAsync(cancellationToken).ConfigureAwait(false));
            }
            // The writer replaces an article with the same id; an edit that now repeats another article is refused as
            // a duplicate and the post's previous version stays.
            var result = await writer.AddAsync(article, cancellationToken).ConfigureAwait(false);
            var status = result.Duplicate ? IntakeStatus.Duplicate : previous is null ? IntakeStatus.Added : IntakeStatus.Updated;
            LogChannelPost(id, status, result.ArticleCount);
            return new IntakeResult(status, result.Article, result.ArticleCount);
        }
        finally
        {
            _channelGate.Release();
        }
    }

    /// <summary>t.me/name/42 for a public channel; t.me/c/internal-id/42 (members only) for a private one.</summary>
    internal static string LinkOf(ChannelPost post)
    {
        if (!string.IsNullOrEmpty(post.ChannelUsername))
        {
            return string.Create(CultureInfo.InvariantCulture, $"https://t.me/{post.ChannelUsername}/{post.MessageId}");
        }
        var internalId = -post.ChannelId - 1_000_000_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"https://t.me/c/{(internalId > 0 ? internalId : Math.Abs(post.ChannelId))}/{post.MessageId}");
    }

    public void Dispose() => _channelGate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Added article {ArticleId} from a link to {Host}; {Count} articles now")]
    private partial void LogLinkAdded(string articleId, string host, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A link to {Host} was not added: {Reason}")]
    private partial void LogLinkFailed(string host, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel post {ArticleId}: {Status}; {Count} articles now")]
    private partial void LogChannelPost(string articleId, IntakeStatus status, int count);
}
