using System.Text.RegularExpressions;

namespace Bot.Core.Arabic;

// Placeholder until the full splitter lands (branch `arabic`).
public static partial class SentenceSplitter
{
    [GeneratedRegex(@"(?<=[.؟?!؛])\s+|\n+")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    public static IReadOnlyList<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value).ToList();
}
