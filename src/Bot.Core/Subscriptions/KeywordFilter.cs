using Bot.Core.Corpus;
using Bot.Core.Search;

namespace Bot.Core.Subscriptions;

/// <summary>
/// The words of a keyword subscription, analysed like the index analyses articles (normalised, stop words dropped,
/// light stem), so «الحوثيين» follows «الحوثي» and «السعوديه» follows «السعودية». An article matches when its title
/// or text holds every word.
/// </summary>
public sealed class KeywordFilter
{
    private readonly string[] _stems;

    private KeywordFilter(string[] stems) => _stems = stems;

    /// <summary>Null when the words have nothing to match on (only stop words or punctuation).</summary>
    public static KeywordFilter? Parse(string keywords)
    {
        var stems = AnalyzedText.Of(keywords).Stems.Distinct(StringComparer.Ordinal).ToArray();
        return stems.Length == 0 ? null : new KeywordFilter(stems);
    }

    /// <summary>The stemmed words of an article, computed once and checked against every subscription.</summary>
    public static IReadOnlySet<string> WordsOf(Article article) =>
        AnalyzedText.Of(article.Title + "\n" + string.Join('\n', article.Paragraphs)).Stems.ToHashSet(StringComparer.Ordinal);

    public bool Matches(IReadOnlySet<string> articleWords) => _stems.All(articleWords.Contains);
}
