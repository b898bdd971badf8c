using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Core.Search;

/// <summary>
/// A text analysed once (stemmed terms with their exact forms), replayed into as many fields as need it, so an
/// article's words go through the analyzer a single time however many fields index them.
/// </summary>
internal sealed class AnalyzedText
{
    private readonly List<string> _terms = [];
    private readonly List<int> _increments = [];

    public int Count => _terms.Count;

    public static AnalyzedText Of(string text)
    {
        var analyzed = new AnalyzedText();
        using var stream = ArabicSearchAnalyzer.Indexing.GetTokenStream(IndexFields.Text, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            analyzed._terms.Add(term.ToString());
            analyzed._increments.Add(increment.PositionIncrement);
        }
        stream.End();
        return analyzed;
    }

    /// <summary>The stemmed words of several texts in a row.</summary>
    public static List<string> StemmedWords(IReadOnlyList<AnalyzedText> texts) =>
        texts.SelectMany(t => t._terms).Where(t => t[0] != ExactFormFilter.Marker).ToList();

    /// <summary>All tokens, positions kept (for the passage text field).</summary>
    public TokenStream AllTokens() => new Replay([this], stemmedOnly: false);

    /// <summary>The stemmed tokens of several texts in a row (for the article body field).</summary>
    public static TokenStream StemmedTokens(IReadOnlyList<AnalyzedText> texts) => new Replay(texts, stemmedOnly: true);

    private sealed class Replay : TokenStream
    {
        private readonly IReadOnlyList<AnalyzedText> _texts;
        private readonly bool _stemmedOnly;
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private int _text;
        private int _index;

        public Replay(IReadOnlyList<AnalyzedText> texts, bool stemmedOnly)
        {
            _texts = texts;
            _stemmedOnly = stemmedOnly;
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            while (_text < _texts.Count)
            {
                var current = _texts[_text];
                if (_index >= current.Count)
                {
                    _text++;
                    _index = 0;
                    continue;
                }
                var term = current._terms[_index];
                var increment = current._increments[_index];
                _index++;
                if (_stemmedOnly && term[0] == ExactFormFilter.Marker)
                {
                    continue;
                }
                ClearAttributes();
                _term.SetEmpty().Append(term);
                _increment.PositionIncrement = _stemmedOnly ? 1 : increment;
                return true;
            }
            return false;
        }

        public override void Reset()
        {
            base.Reset();
            _text = 0;
            _index = 0;
        }
    }
}
