using Lucene.Net.Index;

namespace Bot.Core.Search;

/// <summary>
/// Character n-grams (3 to 5 letters, word edges marked) of every stemmed word in the index, so a query word can be
/// matched to the index's spellings of it: transliterated names («أيورباروادا»), clitics the light stemmer leaves
/// on, typing slips. Built from the terms dictionary on first use and kept with the index view.
/// </summary>
internal sealed class TermNgrams
{
    private const int MinGram = 3;
    private const int MaxGram = 5;
    private const int MinWordLength = 3;

    /// <summary>Words this similar (Dice over n-grams) or more are taken as spellings of each other.</summary>
    public const double MinSimilarity = 0.45;

    private readonly List<string> _words = [];
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);

    private TermNgrams()
    {
    }

    public static TermNgrams Build(IndexReader reader)
    {
        var vocabulary = new TermNgrams();
        var terms = MultiFields.GetTerms(reader, IndexFields.Text);
        if (terms is null)
        {
            return vocabulary;
        }
        var e = terms.GetEnumerator();
        while (e.MoveNext())
        {
            var word = e.Term.Utf8ToString();
            if (word.Length < MinWordLength || !char.IsLetter(word[0]))
            {
                continue;
            }
            var id = vocabulary._words.Count;
            vocabulary._words.Add(word);
            foreach (var gram in Grams(word))
            {
                if (!vocabulary._postings.TryGetValue(gram, out var list))
                {
                    vocabulary._postings[gram] = list = [];
                }
                list.Add(id);
            }
        }
        return vocabulary;
    }

    public int Count => _words.Count;

    /// <summary>The index's words most like <paramref name="word"/> (itself excluded), best first.</summary>
    public IReadOnlyList<(string Word, double Similarity)> Similar(string word, int max)
    {
        if (word.Length < MinWordLength)
        {
            return [];
        }
        var grams = Grams(word).ToHashSet(StringComparer.Ordinal);
        var shared = new Dictionary<int, int>();
        foreach (var gram in grams)
        {
            if (_postings.TryGetValue(gram, out var ids))
            {
                foreach (var id in ids)
                {
                    shared[id] = shared.GetValueOrDefault(id) + 1;
                }
            }
        }
        return shared
            .Where(s => _words[s.Key] != word)
            .Select(s => (Word: _words[s.Key], Similarity: 2.0 * s.Value / (grams.Count + GramCount(_words[s.Key]))))
            .Where(s => s.Similarity >= MinSimilarity)
            .OrderByDescending(s => s.Similarity)
            .ThenBy(s => s.Word, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    private static int GramCount(string word) => Grams(word).Distinct(StringComparer.Ordinal).Count();

    private static IEnumerable<string> Grams(string word)
    {
        var marked = "^" + word + "$";
        for (var n = MinGram; n <= MaxGram; n++)
        {
            for (var i = 0; i + n <= marked.Length; i++)
            {
                yield return marked.Substring(i, n);
            }
        }
    }
}
