using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Core.Sources;

/// <summary>
/// Turns the bytes of a web page into text: a byte-order mark wins; then the charset of the Content-Type header;
/// then a <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type" content="…; charset=…"&gt;</c> in the
/// first 4 KB; then strict UTF-8; otherwise Windows-1256, the usual legacy code page for Arabic pages.
/// </summary>
internal static partial class PageDecoder
{
    private const int SniffBytes = 4096;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? headerCharset)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(span[3..]);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(span[2..]);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(span[2..]);
        }
        if ((EncodingOf(headerCharset) ?? EncodingOf(MetaCharset(span))) is { } declared)
        {
            return declared.GetString(bytes);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1256).GetString(bytes);
        }
    }

    /// <summary>The charset a page declares in its head, read as ASCII (every charset label is ASCII).</summary>
    internal static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, SniffBytes)]);
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    private static Encoding? EncodingOf(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        try
        {
            return Encoding.GetEncoding(label.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null; // An unknown label: decide from the bytes.
        }
    }

    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
