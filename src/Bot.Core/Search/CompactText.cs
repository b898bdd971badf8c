namespace Bot.Core.Search;

/// <summary>
/// A lossless one-byte-per-letter encoding for stored Arabic text: ASCII as itself, the Arabic block's first 126
/// code points (letters, tashkeel, Arabic-Indic digits, Arabic punctuation) as one byte each, anything else escaped in
/// three bytes. Arabic in UTF-8 takes two bytes a letter; this halves it before compression, and the index shrinks by
/// a fifth.
/// </summary>
internal static class CompactText
{
    private const char ArabicBlock = '\u0600';
    private const int ArabicCodes = 126;
    private const byte FirstArabicByte = 0x80;
    private const byte Escape = 0xFE;

    public static byte[] Encode(string text)
    {
        var escaped = 0;
        foreach (var c in text)
        {
            escaped += c >= 0x80 && (c < ArabicBlock || c >= ArabicBlock + ArabicCodes) ? 1 : 0;
        }
        var bytes = new byte[text.Length + 2 * escaped];
        var at = 0;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                bytes[at++] = (byte)c;
            }
            else if (c >= ArabicBlock && c < ArabicBlock + ArabicCodes)
            {
                bytes[at++] = (byte)(FirstArabicByte + (c - ArabicBlock));
            }
            else
            {
                bytes[at++] = Escape;
                bytes[at++] = (byte)(c >> 8);
                bytes[at++] = (byte)c;
            }
        }
        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var length = 0;
        for (var i = 0; i < bytes.Length; i++, length++)
        {
            i += bytes[i] == Escape ? 2 : 0;
        }
        return string.Create(length, bytes.ToArray(), static (chars, source) =>
        {
            var at = 0;
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                chars[at++] = b < 0x80 ? (char)b
                    : b == Escape ? (char)((source[++i] << 8) | source[++i])
                    : (char)(ArabicBlock + (b - FirstArabicByte));
            }
        });
    }
}
