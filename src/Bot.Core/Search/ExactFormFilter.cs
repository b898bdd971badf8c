using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Bot.Core.Search;

/// <summary>
/// Emits, after each token, a copy of its normalised, unstemmed form marked with <see cref="Marker"/> at the same
/// position and flagged as a keyword so the stemmer leaves it alone. One field then holds both the stemmed words
/// (recall) and the exact words (precision, phrases), analysed in one pass.
/// </summary>
internal sealed class ExactFormFilter : TokenFilter
{
    /// <summary>Prefix of exact forms; the tokenizer never produces it at the start of a word.</summary>
    public const char Marker = '=';

    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly IKeywordAttribute _keyword;
    private State? _pending;

    public ExactFormFilter(TokenStream input) : base(input)
    {
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
            var length = _term.Length;
            var buffer = _term.ResizeBuffer(length + 1);
            Array.Copy(buffer, 0, buffer, 1, length);
            buffer[0] = Marker;
            _term.Length = length + 1;
            _position.PositionIncrement = 0;
            _keyword.IsKeyword = true;
            return true;
        }
        if (!m_input.IncrementToken())
        {
            return false;
        }
        _pending = CaptureState();
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = null;
    }
}
