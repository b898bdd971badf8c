using System.Security.Cryptography;
using System.Text;

namespace Bot.Core.Sources;

/// <summary>
/// One address per article: the canonical form of a URL (lower-case scheme and host, no default port, no fragment,
/// no tracking parameters such as <c>utm_*</c>, <c>fbclid</c>, <c>gclid</c>, no trailing slash) and the stable
/// article id derived from it (<c>source-hash</c>, safe as a file name and a passage-id prefix).
/// </summary>
internal static class ArticleUrls
{
    private static readonly string[] TrackingPrefixes = ["utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "yclid", "igshid", "at_"];

    public static Uri Canonical(Uri url)
    {
        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.Host.ToLowerInvariant(),
            Fragment = string.Empty,
        };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !TrackingPrefixes.Any(t => p.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
        builder.Query = string.Join('&', query);
        if (builder.Path.Length > 1)
        {
            builder.Path = builder.Path.TrimEnd('/');
        }
        return builder.Uri;
    }

    /// <summary>«aljazeera-3f2a9c0b1d4e»: ASCII letters of the source name (or the host), then 12 hex digits of the URL's hash.</summary>
    public static string IdFor(string sourceName, string canonicalKey, string fallbackPrefix)
    {
        var slug = Slug(sourceName);
        if (slug.Length == 0)
        {
            slug = Slug(fallbackPrefix);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalKey)))[..12];
        return (slug.Length == 0 ? "web" : slug) + "-" + hash;
    }

    /// <summary>The host without «www.», the default source name of a link.</summary>
    public static string SiteName(Uri url) => url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;

    private static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length > 24 ? slug[..24].TrimEnd('-') : slug;
    }
}
