using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Core.Search;

/// <summary>
/// A text analysed once — its stemmed words, and the exact form of each word the stemmer changes — replayed into
/// as many fields as need it, so an article's words go through the analyzer a single time.
/// </summary>
internal sealed class AnalyzedText
{
    // Stemmed words in order; for each, its exact form (marked) when the stemmer changed it, else null.
    private readonly List<string> _stems = [];
    private readonly List<string?> _exact = [];

    public static AnalyzedText Of(string text)
    {
        var analyzed = new AnalyzedText();
        using var stream = ArabicSearchAnalyzer.Indexing.GetTokenStream(IndexFields.Text, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (value[0] == ExactFormFilter.Marker && analyzed._exact.Count > 0)
            {
                // A copy equal to its stem adds nothing: the stemmed word already says it.
                if (!value.AsSpan(1).SequenceEqual(analyzed._stems[^1]))
                {
                    analyzed._exact[^1] = value;
                }
            }
            else
            {
                analyzed._stems.Add(value);
                analyzed._exact.Add(null);
            }
        }
        stream.End();
        return analyzed;
    }

    /// <summary>The stemmed words of several texts in a row.</summary>
    public static List<string> StemmedWords(IReadOnlyList<AnalyzedText> texts) => texts.SelectMany(t => t._stems).ToList();

    /// <summary>The distinct exact forms (marked) of the words the stemmer changed.</summary>
    public IReadOnlyCollection<string> ExactForms() => _exact.OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The stemmed words as a token stream, one position each.</summary>
    public TokenStream StemmedTokens() => new Replay(_stems);

    /// <summary>Any words as a token stream, one position each.</summary>
    public static TokenStream Tokens(IReadOnlyCollection<string> words) => new Replay(words);

    private sealed class Replay : TokenStream
    {
        private readonly IEnumerator<string> _words;
        private readonly ICharTermAttribute _term;

        public Replay(IEnumerable<string> words)
        {
            _words = words.GetEnumerator();
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!_words.MoveNext())
            {
                return false;
            }
            ClearAttributes();
            _term.SetEmpty().Append(_words.Current);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _words.Reset();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _words.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
