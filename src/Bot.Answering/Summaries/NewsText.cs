using System.Text.RegularExpressions;
using Bot.Core.Arabic;

namespace Bot.Core.Summaries;

/// <summary>
/// What of a news article is the story and what is the outlet's furniture. Rules:
/// a leading dateline or by-line («الرياض - واس:», «محمد عطيف- سبق:», «لجين الأحمدي – عين اليوم») is cut from the sentence;
/// agency tags in brackets closing a sentence («(واس)», «(أ ف ب)») and a detached opening connective («كما», «ثم») are cut; font controls («+ الخط -»), share and read-more lines, links,
/// and sentences of under five words are not sentences of the story.
/// </summary>
internal static partial class NewsText
{
    internal const int MinWords = 5;

    private const string Agencies = "واس|سبق|عين اليوم|اليوم|الوئام|عكاظ|المدينة|الجزيرة|الرياض|الوطن|الاقتصادية|الشرق الأوسط|رويترز|أ ف ب|أ\\.ف\\.ب|د ب أ|د\\.ب\\.أ|الأناضول|يو بي آي|أ ش أ|الرياضي|وكالات";

    // Up to four words (a city, a name), a dash, then an agency or a colon: the dateline of a news lead.
    [GeneratedRegex(@"^\s*(?:[\p{L}\.]+\s*){1,4}\s*[-–—]\s*(?:(?:" + Agencies + @")\s*[:：]?|(?:[\p{L}\.]+\s*){1,3}[:：])\s*")]
    private static partial Regex Dateline();

    // «واس - الرياض:» and «(واس) -» orders.
    [GeneratedRegex(@"^\s*\(?(?:" + Agencies + @")\)?\s*[-–—:]\s*(?:[\p{L}]+\s*[:：]\s*)?")]
    private static partial Regex AgencyFirst();

    [GeneratedRegex(@"\s*\(\s*(?:" + Agencies + @")\s*\)\s*(?=[.!؟]?\s*$)")]
    private static partial Regex TrailingAgencyTag();

    [GeneratedRegex(@"^\s*(?:سمات|وسوم|الكلمات الدلالية)\b|\+\s*الخط\s*-|https?://|www\.|اقرأ أيضا|اقرأ أيضًا|للمزيد|شارك(?:ها)? على|تابعونا|جميع الحقوق")]
    private static partial Regex Furniture();

    /// <summary>The sentence without its dateline, by-line or agency tags; the rest is quoted exactly.</summary>
    public static string Clean(string sentence)
    {
        var text = sentence.Trim();
        var cut = Dateline().Match(text);
        if (cut.Success && cut.Length < text.Length / 2)
        {
            text = text[cut.Length..];
        }
        var agency = AgencyFirst().Match(text);
        if (agency.Success && agency.Length < text.Length / 2)
        {
            text = text[agency.Length..];
        }
        // A tag closing the sentence goes too; one inside it stays, so the line is still quoted exactly.
        var tag = TrailingAgencyTag().Match(text);
        text = (tag.Success ? text[..tag.Index] + text[(tag.Index + tag.Length)..] : text).Trim();
        // A detached connective («كما أصدرت…») is dropped: the rest stands alone and is still quoted exactly.
        var connective = Connective().Match(text);
        return connective.Success && connective.Length < text.Length / 2 ? text[connective.Length..] : text;
    }

    [GeneratedRegex(@"^(?:كما|ثم|وقد|كذلك|أيضا|أيضًا)\s+")]
    private static partial Regex Connective();

    /// <summary>True for a sentence of the story (not furniture, long enough to say something).</summary>
    public static bool IsStorySentence(string sentence) =>
        !Furniture().IsMatch(sentence) && SentenceSplitter.Words(sentence).Count >= MinWords && ArabicNormalizer.ArabicLetterShare(sentence) > 0.5;

    private static readonly HashSet<string> Continuations = new(
        ["كما", "وقال", "وقالت", "وأضاف", "وأضافت", "وأوضح", "وأوضحت", "وأكد", "وأكدت", "وفي", "وكان", "وكانت", "وتضمنت", "وتتضمن",
         "وتضمن", "وأشار", "وأشارت", "وبين", "وبينت", "وذلك", "ولفت", "ولفتت", "وشدد", "وشددت", "وأعرب", "وأعربت", "وأفاد", "وأفادت",
         "وتابع", "وتابعت", "ويأتي", "وتأتي", "وجاء", "ويذكر", "يذكر", "ومن", "وعلى", "وهو", "وهي", "وهذا", "وهذه", "ولكن", "لكن",
         "بدوره", "بدورها", "وفيما", "فيما", "وعن", "وحول", "وبحسب", "ووفق", "وأبان", "وأردف", "واختتم", "وختم", "وبعد", "ثم", "وقد",
         "إلى", "الى", "وإلى", "هذا", "وأيضا", "أيضا", "ويعد", "وتعد", "واضاف", "واكد", "واوضح", "واشار"],
        StringComparer.Ordinal);

    /// <summary>
    /// True for a sentence that leans on another: it opens with a connective («كما», «وأضاف», «وفي…») or announces what
    /// follows (ends with a colon). Such a sentence makes a poor line on its own.
    /// </summary>
    public static bool IsDependent(string sentence)
    {
        var trimmed = sentence.TrimEnd();
        if (trimmed.EndsWith(':') || trimmed.EndsWith('：'))
        {
            return true;
        }
        var words = SentenceSplitter.Words(trimmed);
        return words.Count == 0 || Continuations.Contains(words[0]);
    }

    /// <summary>The article's story sentences in order, cleaned.</summary>
    public static IReadOnlyList<string> Sentences(IEnumerable<string> paragraphs) =>
        paragraphs.SelectMany(SentenceSplitter.Split).Select(Clean).Where(IsStorySentence).ToList();
}
