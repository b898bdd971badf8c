using Bot.Core.Arabic;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using TextNormalizer = Bot.Core.Arabic.ArabicNormalizer;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Bot.Core.Search;

/// <summary>
/// Lucene.Net's Arabic chain (standard tokenizer, lower case, stop words, <see cref="ArabicNormalizationFilter"/>,
/// <see cref="ArabicStemFilter"/>) behind a char filter fed by <see cref="TextNormalizer.CharacterMap"/>, which adds
/// what Lucene's normaliser lacks (Arabic-Indic and Persian digits, Persian letters, punctuation). The same analyzer
/// runs at index time and query time. Stop words are matched in both their written and normalised forms.
/// </summary>
public sealed class ArabicSearchAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Question words carry no topic; the answerer reads them before analysis.
    private static readonly string[] QuestionWords =
        ["ما", "ماذا", "من", "متى", "كم", "أين", "اين", "لماذا", "كيف", "هل", "أي", "اي", "الذي", "التي", "الذين", "لما",
         "بماذا", "وماذا", "فماذا", "لمن", "بمن", "ممن", "عمن", "ومتى", "وأين", "واين", "وكيف", "وكم", "بكم", "وهل", "فهل", "ولماذا", "فلماذا",
         "بأي", "باي", "لأي", "لاي", "وأي", "واي", "فيم"];

    // Words people use to talk about the articles rather than about their content («ماذا تقول المقالات عن…»).
    private static readonly string[] ConversationWords =
        ["المقالات", "المقالة", "المقال", "مقالة", "مقالات", "تقول", "يقول", "أخبرني", "اخبرني", "حدثني", "أبرز", "ابرز", "لخص", "لخّص"];

    private static readonly NormalizeCharMap CharMap = BuildCharMap();
    private static readonly CharArraySet StopWords = BuildStopWords();

    /// <summary>Stemmed terms: queries, sentence scoring, titles.</summary>
    public static ArabicSearchAnalyzer Instance { get; } = new(stem: true);

    /// <summary>Normalised, unstemmed terms: <see cref="AnalyzedText"/> stems them itself and keeps both forms.</summary>
    public static ArabicSearchAnalyzer Normalized { get; } = new(stem: false);

    private readonly bool _stem;

    private ArabicSearchAnalyzer(bool stem) => _stem = stem;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream result = new LowerCaseFilter(Version, source);
        result = new StopFilter(Version, result, StopWords);
        result = new ArabicNormalizationFilter(result);
        if (_stem)
        {
            result = new ArabicStemFilter(result);
        }
        return new TokenStreamComponents(source, result);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(CharMap, reader);

    /// <summary>The stemmed terms of a text, in order (repeats kept).</summary>
    public IReadOnlyList<string> Terms(string text, string field = "text")
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    private static NormalizeCharMap BuildCharMap()
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var (from, to) in TextNormalizer.CharacterMap)
        {
            builder.Add(from.ToString(), to);
        }
        return builder.Build();
    }

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 512, ignoreCase: true);
        foreach (var word in ArabicAnalyzer.DefaultStopSet.Concat(QuestionWords).Concat(ConversationWords))
        {
            set.Add(word);
            set.Add(TextNormalizer.Normalize(word));
        }
        return set;
    }
}
