namespace Bot.Core.Search;

/// <summary>
/// A question as the rerank reads passages against it: its distinct stemmed terms with their idf, every indexed form
/// that counts as each term (<see cref="TermVariants"/>), near spellings of them, and its exact word forms.
/// One instance serves one search (it caches the spellings it has compared).
/// </summary>
internal sealed class RerankQuery
{
    /// <summary>Words at least this alike (<see cref="SpellingSimilarity"/>) count as a partial match.</summary>
    internal const double MinSimilarity = 0.5;

    // Three-letter words have two bigrams: one shared letter pair would make them alike.
    private const int MinSimilarLength = 4;

    private readonly Dictionary<string, int> _termOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Term, double Similarity)> _similar = new(StringComparer.Ordinal);
    private readonly string[] _terms;
    private readonly string[][] _bigrams;

    /// <param name="words">The question's stemmed words in order.</param>
    /// <param name="exact">The question's words as <see cref="AnalyzedText.ExactTerms"/> gives them, one per word.</param>
    /// <param name="idf">The idf of a stemmed term over the indexed passages.</param>
    public RerankQuery(IReadOnlyList<string> words, IReadOnlyList<string> exact, Func<string, double> idf)
    {
        _terms = words.Distinct(StringComparer.Ordinal).ToArray();
        _bigrams = _terms.Select(SpellingSimilarity.Bigrams).ToArray();
        Idf = _terms.Select(idf).ToArray();
        TotalIdf = Math.Max(Idf.Sum(), double.Epsilon);
        for (var i = 0; i < _terms.Length; i++)
        {
            _termOf[_terms[i]] = i;
        }
        // A form that is itself a question term stays that term.
        for (var i = 0; i < _terms.Length; i++)
        {
            foreach (var form in TermVariants.Of(_terms[i]).Skip(1))
            {
                _termOf.TryAdd(form, i);
            }
        }
        var exactIdf = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < exact.Count; i++)
        {
            if (exact[i][0] == AnalyzedText.ExactMarker)
            {
                exactIdf.TryAdd(exact[i], Idf[_termOf[words[i]]]);
            }
        }
        Exact = exactIdf;
    }

    /// <summary>Idf of each distinct term, by term number.</summary>
    public double[] Idf { get; }

    public double TotalIdf { get; }

    public int TermCount => Idf.Length;

    /// <summary>The question's marked exact forms (words the stemmer changes) with the idf of their term.</summary>
    public IReadOnlyDictionary<string, double> Exact { get; }

    /// <summary>
    /// The question term a passage word (stemmed) stands for, with how alike they are: 1 for the term or one of its
    /// forms, the spelling similarity for a near spelling, (-1, 0) for none.
    /// </summary>
    public (int Term, double Similarity) Match(string stem)
    {
        if (_termOf.TryGetValue(stem, out var term))
        {
            return (term, 1);
        }
        if (stem.Length < MinSimilarLength)
        {
            return (-1, 0);
        }
        if (!_similar.TryGetValue(stem, out var best))
        {
            best = (-1, 0);
            var grams = SpellingSimilarity.Bigrams(stem);
            for (var i = 0; i < _terms.Length; i++)
            {
                var similarity = _terms[i].Length < MinSimilarLength ? 0 : SpellingSimilarity.Dice(grams, _bigrams[i]);
                if (similarity >= MinSimilarity && similarity > best.Similarity)
                {
                    best = (i, similarity);
                }
            }
            _similar[stem] = best;
        }
        return best;
    }
}
