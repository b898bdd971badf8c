using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Arabic;

namespace Bot.Core.Answering;

/// <summary>Answer text whose citations were checked against the sources actually given.</summary>
/// <param name="Text">The text with valid marks renumbered <c>[1]</c>, <c>[2]</c>… in order of first use.</param>
/// <param name="Removed">How many marks pointed nowhere and were removed.</param>
public sealed record CitedText(string Text, IReadOnlyList<Citation> Citations, int Removed);

/// <summary>
/// Keeps only citations that name a given source: <c>[n]</c> with 1 ≤ n ≤ sources, also written with
/// Arabic-Indic digits or grouped (<c>[1، 2]</c>). Valid marks are renumbered in order of first use; a mark
/// that points nowhere is removed, never shown. Each citation quotes the source sentence closest to the
/// answer sentence that cites it.
/// </summary>
public static partial class CitationValidator
{
    [GeneratedRegex(@"\s*\[\s*([0-9٠-٩۰-۹]+(?:\s*[,،؛;]\s*[0-9٠-٩۰-۹]+)*)\s*\]")]
    private static partial Regex CitationMark();

    [GeneratedRegex(@"[ \t]+([.،,؛;؟?!:])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RepeatedSpaces();

    public static CitedText Resolve(string text, IReadOnlyList<SourcePassage> sources)
    {
        var renumbered = new Dictionary<int, int>();   // source position → shown number
        var firstUse = new Dictionary<int, int>();     // source position → index in text of its first mark
        var removed = 0;

        var result = CitationMark().Replace(text, match =>
        {
            var marks = new StringBuilder();
            foreach (var part in match.Groups[1].Value.Split([',', '،', '؛', ';']))
            {
                if (!int.TryParse(ArabicNormalizer.Normalize(part.Trim()), out var n) || n < 1 || n > sources.Count)
                {
                    removed++;
                    continue;
                }
                if (!renumbered.TryGetValue(n, out var shown))
                {
                    shown = renumbered.Count + 1;
                    renumbered[n] = shown;
                    firstUse[n] = match.Index;
                }
                marks.Append(" [").Append(shown).Append(']');
            }
            return marks.ToString();
        });

        result = RepeatedSpaces().Replace(SpaceBeforePunctuation().Replace(result, "$1"), " ").Trim();

        var citations = renumbered
            .OrderBy(pair => pair.Value)
            .Select(pair =>
            {
                var source = sources[pair.Key - 1];
                var quote = QuoteFor(source.Text, SentenceBefore(text, firstUse[pair.Key]));
                return new Citation(pair.Value, source.ArticleId, source.Title, source.Date, source.PassageId, quote) { AlsoPublished = source.Copies };
            })
            .ToList();

        return new CitedText(result, citations, removed);
    }

    /// <summary>The answer sentence that ends where a citation mark begins.</summary>
    private static string SentenceBefore(string text, int markIndex)
    {
        var start = markIndex;
        while (start > 0 && text[start - 1] is not ('.' or '؟' or '?' or '!' or '؛' or '\n' or ']'))
        {
            start--;
        }
        return text[start..markIndex];
    }

    /// <summary>The source sentence sharing most normalised words with the citing sentence.</summary>
    internal static string QuoteFor(string passage, string citingSentence)
    {
        var sentences = SentenceSplitter.Split(passage);
        if (sentences.Count == 0)
        {
            return passage;
        }

        var wanted = WordSet(citingSentence);
        var best = sentences[0];
        var bestOverlap = -1;
        foreach (var sentence in sentences)
        {
            var overlap = WordSet(sentence).Count(wanted.Contains);
            if (overlap > bestOverlap)
            {
                best = sentence;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    private static HashSet<string> WordSet(string text) =>
        SentenceSplitter.Words(ArabicNormalizer.Normalize(text)).ToHashSet(StringComparer.Ordinal);
}
