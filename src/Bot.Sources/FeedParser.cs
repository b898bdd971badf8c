using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace Bot.Core.Sources;

/// <summary>One item of a feed. <see cref="ContentHtml"/> is the full text when the feed carries it.</summary>
internal sealed record FeedItem(string Key, string Title, Uri? Link, DateTimeOffset? Published, string? ContentHtml);

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication. The full text comes from RSS
/// <c>content:encoded</c> or Atom <c>content</c>; an RSS <c>description</c> or Atom <c>summary</c> is a teaser, not the
/// article, so such items are fetched from their page. Dates the formatter cannot read are treated as missing
/// rather than failing the feed. DTDs are ignored (no entity expansion from the network). Feeds in Windows-1256 are
/// read from their XML declaration or the HTTP charset.
/// </summary>
internal static class FeedParser
{
    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    static FeedParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="headerCharset">The charset of the Content-Type header: it wins over the XML declaration (RFC 7303).</param>
    public static IReadOnlyList<FeedItem> Parse(byte[] body, string? headerCharset, Uri feedUrl)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = string.IsNullOrWhiteSpace(headerCharset)
                ? XmlReader.Create(new MemoryStream(body), settings) // the XML declaration names the encoding
                : XmlReader.Create(new StringReader(PageDecoder.Decode(body, headerCharset)), settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = reader.LocalName == "feed" ? new Atom10FeedFormatter() : new Rss20FeedFormatter();
            formatter.DateTimeParser = LenientDate;
            if (!formatter.CanRead(reader))
            {
                throw new SourceFetchException($"{feedUrl} is not an RSS 2.0 or Atom feed (root element <{reader.LocalName}>)", permanent: false);
            }
            formatter.ReadFrom(reader);
            return formatter.Feed.Items.Select(item => ToItem(item, feedUrl)).Where(i => i is not null).Select(i => i!).ToList();
        }
        catch (XmlException ex)
        {
            throw new SourceFetchException($"{feedUrl} is not well-formed XML: {ex.Message}", permanent: false);
        }
    }

    private static FeedItem? ToItem(SyndicationItem item, Uri feedUrl)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate") is { } first
            ? Absolute(first.GetAbsoluteUri() ?? first.Uri, feedUrl)
            : null;
        var title = item.Title?.Text?.Trim() ?? string.Empty;
        var content = EncodedContent(item) ?? (item.Content as TextSyndicationContent)?.Text;
        var key = link?.ToString() ?? item.Id;
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }
        var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
        return new FeedItem(key, title, link, published, string.IsNullOrWhiteSpace(content) ? null : content);
    }

    private static string? EncodedContent(SyndicationItem item) =>
        item.ElementExtensions.ReadElementExtensions<string>("encoded", ContentModule).FirstOrDefault();

    private static Uri? Absolute(Uri? link, Uri feedUrl) => link switch
    {
        null => null,
        { IsAbsoluteUri: true } => link,
        _ => new Uri(feedUrl, link),
    };

    private static bool LenientDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        var text = data.DateTimeString.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }
        // RFC 822 with a zone name .NET does not know (e.g. «EEST»): drop the zone, keep the date.
        var withoutZone = text.Contains(' ') ? text[..text.LastIndexOf(' ')] : text;
        if (DateTimeOffset.TryParse(withoutZone, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }
        value = default;
        return true; // Unreadable: treated as no date instead of failing the whole feed.
    }
}
