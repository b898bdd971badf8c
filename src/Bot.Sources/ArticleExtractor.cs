using AngleSharp.Html.Parser;
using SmartReader;

namespace Bot.Core.Sources;

/// <summary>The main article of a page: its title, publication date, paragraphs and the canonical URL it declares.</summary>
internal sealed record ExtractedPage(string Title, DateOnly? Date, IReadOnlyList<string> Paragraphs, Uri? CanonicalUrl);

/// <summary>
/// Finds the article in a web page with SmartReader (Mozilla Readability): menus, sidebars, comments and
/// advertisements are left out. Null when the page holds no readable article.
/// </summary>
internal static class ArticleExtractor
{
    /// <summary>Short news items are articles too; Readability's default (500 characters) would drop them.</summary>
    private const int MinimumCharacters = 150;

    public static ExtractedPage? Extract(string html, Uri url)
    {
        var reader = new Reader(url.ToString(), html) { CharThreshold = MinimumCharacters };
        var article = reader.GetArticle();
        // IsReadable is Readability's guess made before extracting, tuned for long English paragraphs; short Arabic news
        // paragraphs fail it while the extracted content is right. The length of what was extracted decides instead.
        if (string.IsNullOrWhiteSpace(article.Content))
        {
            return null;
        }
        var paragraphs = HtmlText.Paragraphs(article.Content);
        if (paragraphs.Sum(p => p.Length) < MinimumCharacters)
        {
            return null;
        }
        DateOnly? date = article.PublicationDate is { } published ? DateOnly.FromDateTime(published) : null;
        return new ExtractedPage(article.Title?.Trim() ?? string.Empty, date, paragraphs, CanonicalOf(html, url));
    }

    /// <summary>
    /// The page's <c>&lt;link rel="canonical"&gt;</c>, trusted only on the page's own host: another site must not be
    /// able to claim an address and so hide the real article as a duplicate.
    /// </summary>
    private static Uri? CanonicalOf(string html, Uri url)
    {
        var href = new HtmlParser().ParseDocument(html).QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(url, href, out var canonical) && canonical.Scheme is "http" or "https"
               && canonical.Host.Equals(url.Host, StringComparison.OrdinalIgnoreCase)
            ? canonical
            : null;
    }
}
