using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Core.Search;

/// <summary>
/// A text analysed once — each word stemmed, and its exact (normalised, unstemmed) form kept when the stemmer changed
/// it — replayed into as many fields as need it, so an article's words go through the analyzer a single time.
/// </summary>
internal sealed class AnalyzedText
{
    /// <summary>Prefix of exact forms in the index; the tokenizer never produces it at the start of a word.</summary>
    public const char ExactMarker = '=';

    // Stemmed words in order; for each, its exact form (marked) when the stemmer changed it, else null.
    private readonly List<string> _stems = [];
    private readonly List<string?> _exact = [];

    public static AnalyzedText Of(string text)
    {
        var analyzed = new AnalyzedText();
        var stemmer = new ArabicStemmer();
        var buffer = new char[64];
        using var stream = ArabicSearchAnalyzer.Normalized.GetTokenStream(IndexFields.Text, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var length = term.Length;
            if (buffer.Length < length)
            {
                buffer = new char[length * 2];
            }
            Array.Copy(term.Buffer, buffer, length);
            var stemmed = stemmer.Stem(buffer, length);
            analyzed._stems.Add(new string(buffer, 0, stemmed));
            analyzed._exact.Add(stemmed == length ? null : ExactMarker + term.ToString());
        }
        stream.End();
        return analyzed;
    }

    /// <summary>The stemmed words, in order.</summary>
    public IReadOnlyList<string> Stems => _stems;

    /// <summary>Per word, the term that stands for its exact form in the index: the marked form, or the word itself.</summary>
    public IReadOnlyList<string> ExactTerms() => _stems.Select((stem, i) => _exact[i] ?? stem).ToList();

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
