using Bot.Core.Arabic;
using Bot.Core.Corpus;

namespace Bot.Core.Sources;

/// <summary>
/// Builds articles from the web: a feed item with its full text as it is, otherwise (and for links) the linked page
/// fetched, decoded and its main text extracted. Ids come from the canonical URL, so the same article reached
/// through a feed, a link or a redirect is recognised.
/// </summary>
internal sealed class WebArticleReader(SourceFetcher fetcher)
{
    private const string HtmlAccept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";

    /// <summary>Below this many characters a feed's «full text» is only a teaser and the page is read instead.</summary>
    private const int FullTextCharacters = 200;

    public static string IdForUrl(Uri canonical, string sourceName) =>
        ArticleUrls.IdFor(sourceName, canonical.ToString(), ArticleUrls.SiteName(canonical));

    public async Task<Article> FromFeedItemAsync(FeedItem item, string sourceName, CancellationToken cancellationToken)
    {
        var canonical = item.Link is null ? null : ArticleUrls.Canonical(item.Link);
        var id = canonical is null ? ArticleUrls.IdFor(sourceName, item.Key, "feed") : IdForUrl(canonical, sourceName);
        DateOnly? date = item.Published is { } published && published.Year > 1 ? DateOnly.FromDateTime(published.UtcDateTime) : null;

        var paragraphs = item.ContentHtml is { } html ? HtmlText.Paragraphs(html) : [];
        if (paragraphs.Sum(p => p.Length) >= FullTextCharacters)
        {
            return Build(id, item.Title, date, sourceName, canonical, paragraphs);
        }
        if (item.Link is null)
        {
            throw new SourceFetchException($"item «{item.Title}» has neither a link nor its full text", permanent: true);
        }
        var page = await ReadPageAsync(item.Link, cancellationToken).ConfigureAwait(false);
        return Build(id, item.Title.Length > 0 ? item.Title : page.Title, date ?? page.Date, sourceName, canonical, page.Paragraphs);
    }

    /// <summary>The article of a page sent as a link; the id follows the page's own canonical address when it gives one.</summary>
    public async Task<Article> FromLinkAsync(Uri url, CancellationToken cancellationToken)
    {
        var page = await ReadPageAsync(url, cancellationToken).ConfigureAwait(false);
        var canonical = ArticleUrls.Canonical(page.CanonicalUrl ?? page.FinalUrl);
        var source = ArticleUrls.SiteName(canonical);
        return Build(IdForUrl(canonical, source), page.Title, page.Date, source, canonical, page.Paragraphs);
    }

    private async Task<(string Title, DateOnly? Date, IReadOnlyList<string> Paragraphs, Uri? CanonicalUrl, Uri FinalUrl)> ReadPageAsync(
        Uri url, CancellationToken cancellationToken)
    {
        var content = await fetcher.FetchAsync(url, conditional: null, HtmlAccept, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceFetchException($"{url} answered 304 to an unconditional request", permanent: false);
        var html = PageDecoder.Decode(content.Body, content.Charset);
        var page = ArticleExtractor.Extract(html, content.Url)
            ?? throw new SourceFetchException($"no article text found on {content.Url}", permanent: true);
        return (page.Title, page.Date, page.Paragraphs, page.CanonicalUrl, content.Url);
    }

    private static Article Build(string id, string title, DateOnly? date, string source, Uri? url, IReadOnlyList<string> paragraphs)
    {
        var body = paragraphs.ToList();
        if (body.Count > 1 && ArabicNormalizer.Normalize(body[0]) == ArabicNormalizer.Normalize(title))
        {
            body.RemoveAt(0); // The page's own <h1> repeats the title.
        }
        return new Article(id, title.Length > 0 ? title : TitleFrom(body), date, source, url?.ToString(), body, []);
    }

    internal static string TitleFrom(IReadOnlyList<string> paragraphs)
    {
        var first = paragraphs.FirstOrDefault() ?? string.Empty;
        var end = first.IndexOfAny(['.', '؟', '!', '\n']);
        var sentence = (end > 0 ? first[..end] : first).Trim();
        return sentence.Length <= 80 ? sentence : sentence[..79].TrimEnd() + "…";
    }
}
