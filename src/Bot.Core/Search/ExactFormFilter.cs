using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Core.Search;

/// <summary>
/// Keeps the exact (normalised, unstemmed) form of words the stemmer would change, marked with <see cref="Marker"/>
/// and flagged as a keyword so the stemmer leaves it alone. At index time every word is followed by its marked copy
/// at the same position (the caller keeps only copies that differ from the stem), so one analysis pass gives both the
/// stemmed words (recall) and the exact words (precision). At query time each word becomes the one term that stands
/// for its exact form in the index: the marked copy when stemming changes the word, or the word itself.
/// </summary>
internal sealed class ExactFormFilter : TokenFilter
{
    /// <summary>Prefix of exact forms; the tokenizer never produces it at the start of a word.</summary>
    public const char Marker = '=';

    private readonly bool _queryExact;
    private readonly ArabicStemmer _stemmer = new();
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly IKeywordAttribute _keyword;
    private char[] _scratch = new char[32];
    private State? _pending;

    /// <param name="queryExact">Emit one exact-form term per word instead of word plus copy.</param>
    public ExactFormFilter(TokenStream input, bool queryExact) : base(input)
    {
        _queryExact = queryExact;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending is not null)
        {
            RestoreState(_pending);
            _pending = null;
            Mark();
            _position.PositionIncrement = 0;
            return true;
        }
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (!_queryExact)
        {
            // Indexing copies every word; the caller drops copies the stemmer left equal (one stemming per word).
            _pending = CaptureState();
        }
        else if (StemmerChanges())
        {
            Mark();
        }
        return true;
    }

    private bool StemmerChanges()
    {
        var length = _term.Length;
        if (_scratch.Length < length)
        {
            _scratch = new char[length * 2];
        }
        Array.Copy(_term.Buffer, _scratch, length);
        return _stemmer.Stem(_scratch, length) != length;
    }

    private void Mark()
    {
        var length = _term.Length;
        var buffer = _term.ResizeBuffer(length + 1);
        Array.Copy(buffer, 0, buffer, 1, length);
        buffer[0] = Marker;
        _term.Length = length + 1;
        _keyword.IsKeyword = true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = null;
    }
}
