using Bot.Core.Arabic;
using Bot.Core.Search;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Core.Answering;

/// <summary>One stemmed question term and how much it decides whether a text answers the question.</summary>
/// <param name="IsAnswerType">A word that names the kind of answer («اسم», «عدد», «نوع»), not the question's content.</param>
/// <param name="Weight">Raw idf (rare terms weigh most); numbers and years weigh more; a term absent from the archive gets the highest idf.</param>
/// <param name="InArchive">False when the term occurs nowhere in the archive: no text can supply it, so it counts against every answer.</param>
internal sealed record KeyTerm(string Term, double Weight, bool InArchive, bool IsNumber, bool IsAnswerType = false);

/// <summary>
/// The key content of a question: its stemmed terms weighted by how rare they are. Names, numbers, dates and rare
/// terms weigh most; a term that occurs nowhere in the archive keeps the highest weight and can never be matched,
/// so a question about something the articles never mention cannot reach the support an answer needs.
/// </summary>
internal sealed class KeyContent
{
    internal const double NumberBoost = 1.5;

    /// <summary>Weight kept by words that name the kind of answer asked for rather than the question's content.</summary>
    internal const double AnswerTypeWeight = 0.2;

    // «ما اسم…», «ما نوع…», «كم عدد…»: the answer supplies these, so a sentence need not repeat them. Kept as written and
    // stemmed by the search analyzer, so the table matches question terms whatever the stemmer makes of them.
    private static readonly HashSet<string> AnswerTypeWords = new(
        new[]
        {
            "اسم", "نوع", "عدد", "المصطلح", "كلمة", "شيء", "طريقة", "سبب", "مكان", "تاريخ", "سنة", "عام", "أول", "آخر", "ثاني",
            "أكثر", "أكبر", "جزء", "شخص", "يسمى", "تسمى", "سمي", "يطلق", "أطلق", "يشير", "تشير", "يعرف", "تعرف", "عرف", "تم", "يتم",
            "كان", "كانت", "الذي", "حدث", "يحدث", "بلغ", "بلغت", "يبلغ", "تبلغ",
        }.SelectMany(word => ArabicSearchAnalyzer.Instance.Terms(word)),
        StringComparer.Ordinal);

    private readonly IReadOnlyList<KeyTerm> _terms;
    private readonly double _total;

    public KeyContent(IReadOnlyList<KeyTerm> terms)
    {
        _terms = terms;
        _total = terms.Sum(t => t.Weight);
    }

    public IReadOnlyList<KeyTerm> Terms => _terms;

    public static KeyContent From(IEnumerable<string> terms, IReadOnlyDictionary<string, TermInfo> info, double maxIdf) =>
        new(terms.Distinct(StringComparer.Ordinal).Select(term =>
        {
            var stats = info.GetValueOrDefault(term, new TermInfo(maxIdf, false));
            var isNumber = term.Any(char.IsAsciiDigit);
            var answerType = AnswerTypeWords.Contains(term);
            var weight = (stats.InArchive ? stats.Idf : maxIdf) * (isNumber ? NumberBoost : 1) * (answerType ? AnswerTypeWeight : 1);
            return new KeyTerm(term, weight, stats.InArchive, isNumber, answerType);
        }).ToList());

    /// <summary>Share of the question's weight that occurs in <paramref name="present"/> (0 for a question with no terms).</summary>
    public double Coverage(IReadOnlySet<string> present) =>
        _total <= 0 ? 0 : _terms.Where(t => present.Contains(t.Term)).Sum(t => t.Weight) / _total;

    /// <summary>
    /// Like <see cref="Coverage"/>, but a term also counts when a word of <paramref name="present"/> shares most of its
    /// letter trigrams (another spelling or form of the same word: «ميلانو» and «ميلان»).
    /// </summary>
    public double LooseCoverage(IReadOnlySet<string> present) =>
        _total <= 0 ? 0 : _terms.Where(t => Near(t, present)).Sum(t => t.Weight) / _total;

    /// <summary>How many of the question's content terms (answer-type words aside) occur in <paramref name="present"/> or have a near spelling there.</summary>
    public int Matched(IReadOnlySet<string> present) =>
        _terms.Count(t => !t.IsAnswerType && (Near(t, present)));

    internal const double MinSimilarity = 0.5;

    /// <summary>
    /// True when <paramref name="present"/> holds the term, a near spelling of it (<see cref="Similar"/>) or, for words
    /// of four letters or more, a word of the same root (<see cref="ArabicRoots"/>): «اعتداء» meets «عدوان». Measured
    /// with and without roots: XQuAD-ar firm answers holding the gold 0.229 → 0.252 (false firm unchanged, 0.002), the
    /// seeds 5 → 6 firm of 11, SaudiNewsNet false firm 0.117 → 0.133 (one question); XQuAD-ar useful answers 0.825 → 0.832 for
    /// false tentative ones 0.193 → 0.225 (<see cref="AnswerSupport.MinRelevantSentence"/>).
    /// </summary>
    private static bool Near(KeyTerm term, IReadOnlySet<string> present)
    {
        if (present.Contains(term.Term))
        {
            return true;
        }
        var root = term.Term.Length >= 4 ? RootOf(term.Term) : null;
        foreach (var word in present)
        {
            if (Similar(term.Term, word) || root is not null && word.Length >= 3 && RootOf(word) == root)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Words whose roots are kept: a passage's words are asked for again for every question term.</summary>
    private const int MaxCachedRoots = 200_000;

    private static readonly MemoryCache Roots = new(new MemoryCacheOptions { SizeLimit = MaxCachedRoots });
    private static readonly MemoryCacheEntryOptions OneRoot = new() { Size = 1 };

    private static string? RootOf(string word)
    {
        if (Roots.TryGetValue(word, out string? root))
        {
            return root;
        }
        return Roots.Set(word, word.Any(char.IsAsciiDigit) ? null : ArabicRoots.Of(word), OneRoot);
    }

    /// <summary>Dice coefficient of the letter trigrams of two words padded with a boundary mark, at least <see cref="MinSimilarity"/>.</summary>
    internal static bool Similar(string a, string b)
    {
        if (a.Length < 3 || b.Length < 3 || Math.Abs(a.Length - b.Length) > 3 || a.Any(char.IsAsciiDigit) || b.Any(char.IsAsciiDigit))
        {
            return false;
        }
        // Words are short: trigrams packed into integers on the stack, compared pairwise, no allocation.
        Span<ulong> left = stackalloc ulong[a.Length];
        Span<ulong> right = stackalloc ulong[b.Length];
        var l = Trigrams(a, left);
        var r = Trigrams(b, right);
        var shared = 0;
        foreach (var gram in left[..l])
        {
            if (right[..r].Contains(gram))
            {
                shared++;
            }
        }
        return 2.0 * shared / (l + r) >= MinSimilarity;
    }

    /// <summary>The distinct trigrams of «_word_» packed three chars to an integer; returns how many.</summary>
    private static int Trigrams(string word, Span<ulong> into)
    {
        var count = 0;
        for (var i = -1; i + 2 <= word.Length; i++)
        {
            ulong gram = 0;
            for (var j = i; j < i + 3; j++)
            {
                var c = j < 0 || j >= word.Length ? '_' : word[j];
                gram = (gram << 16) | c;
            }
            if (!into[..count].Contains(gram))
            {
                into[count++] = gram;
            }
        }
        return count;
    }

    /// <summary>Share of the question's weight held by terms the archive never contains.</summary>
    public double MissingShare => _total <= 0 ? 0 : _terms.Where(t => !t.InArchive).Sum(t => t.Weight) / _total;

    /// <summary>True when every number the question names occurs in <paramref name="present"/>.</summary>
    /// <summary>
    /// True when the question's first content term — the relation it asks about: «عاصمة» in «ما هي عاصمة اليابان؟»,
    /// «مؤلف» in «من هو مؤلف …» — occurs in <paramref name="present"/> or has a near spelling there.
    /// </summary>
    public bool HasHead(IReadOnlySet<string> present) =>
        _terms.FirstOrDefault(t => !t.IsAnswerType && !t.IsNumber) is not { } head
        || Near(head, present);

    public bool HasNumbers(IReadOnlySet<string> present) => _terms.Where(t => t.IsNumber).All(t => present.Contains(t.Term));

    /// <summary>How many of the question's rarest content terms a firm answer's sentence must hold.</summary>
    internal const int FirmAnchorCount = 2;

    /// <summary>
    /// True when the question's <paramref name="count"/> rarest content terms (absent ones included; numbers and
    /// answer-type words aside) all occur in <paramref name="present"/>, near spellings counted: «هاري بوتر» in
    /// «من هو مؤلف سلسلة روايات هاري بوتر؟», not just «روايات».
    /// </summary>
    public bool HasAnchors(IReadOnlySet<string> present, int count) => _terms
        .Where(t => !t.IsNumber && !t.IsAnswerType)
        .OrderByDescending(t => t.Weight)
        .Take(count)
        .All(a => Near(a, present));

}
