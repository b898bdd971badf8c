using System.Text;

namespace Bot.Core.Corpus;

/// <summary>
/// Decodes an article file: a byte-order mark wins (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8; otherwise UTF-16
/// without a mark when every other byte is zero; otherwise Windows-1256, the usual legacy code page for Arabic.
/// Files that are empty, or binary (zero bytes that are not UTF-16, or mostly control characters), are refused.
/// </summary>
internal static class TextFileDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextFileDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? problem)
    {
        text = string.Empty;
        problem = null;
        if (bytes.IsEmpty)
        {
            problem = "empty file";
            return false;
        }

        string decoded;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            decoded = Encoding.UTF8.GetString(bytes[3..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            decoded = Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            decoded = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        else if (LooksLikeUtf16(bytes, out var bigEndian))
        {
            decoded = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(bytes);
        }
        else if (bytes.Contains((byte)0))
        {
            problem = "binary file";
            return false;
        }
        else
        {
            try
            {
                decoded = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                decoded = Encoding.GetEncoding(1256).GetString(bytes);
            }
        }

        var controls = decoded.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        if (controls > decoded.Length / 20)
        {
            problem = "binary file";
            return false;
        }

        text = decoded.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty file";
            return false;
        }
        return true;
    }

    /// <summary>UTF-16 without a mark: text in Arabic or Latin puts a zero in almost every high byte.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        if (bytes.Length < 4 || bytes.Length % 2 != 0)
        {
            return false;
        }
        int zeroEven = 0, zeroOdd = 0, arabicHighOdd = 0, arabicHighEven = 0;
        for (var i = 0; i < bytes.Length; i += 2)
        {
            zeroEven += bytes[i] == 0 ? 1 : 0;
            zeroOdd += bytes[i + 1] == 0 ? 1 : 0;
            arabicHighOdd += bytes[i + 1] == 0x06 ? 1 : 0;
            arabicHighEven += bytes[i] == 0x06 ? 1 : 0;
        }
        var pairs = bytes.Length / 2;
        var littleEndian = (zeroOdd + arabicHighOdd) > pairs * 0.6 && zeroEven < pairs * 0.1;
        bigEndian = (zeroEven + arabicHighEven) > pairs * 0.6 && zeroOdd < pairs * 0.1;
        return littleEndian || bigEndian;
    }
}
