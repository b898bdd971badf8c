using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Bot.Core.Sources;

/// <summary>
/// The readable paragraphs of an HTML fragment or page, in order: paragraphs, headings, list items and quotes,
/// with scripts, styles and navigation left out; text outside such blocks when there are none.
/// </summary>
internal static class HtmlText
{
    private const string Blocks = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre";

    public static IReadOnlyList<string> Paragraphs(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var noise in document.QuerySelectorAll("script, style, noscript, nav, header, footer, aside, form, figcaption").ToList())
        {
            noise.Remove();
        }
        var root = (IElement?)document.Body ?? document.DocumentElement;
        var blocks = root.QuerySelectorAll(Blocks)
            .Where(e => e.ParentElement?.Closest(Blocks) is null) // A <p> inside an <li> counts once.
            .Select(e => Clean(e.TextContent))
            .Where(t => t.Length > 0)
            .ToList();
        return blocks.Count > 0 ? blocks : Clean(root.TextContent, keepLines: true).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    private static string Clean(string text, bool keepLines = false)
    {
        var lines = text.Replace('\u00A0', ' ').Split('\n')
            .Select(l => string.Join(' ', l.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        return keepLines ? string.Join('\n', lines) : string.Join(' ', lines.Where(l => l.Length > 0)).Trim();
    }
}
