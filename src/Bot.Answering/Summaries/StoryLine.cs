using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>
/// The sentence that tells a story: from its most central article with a usable sentence, the lead sentence that most
/// of the story's other articles also carry (half of its shingles in theirs), ties to the earlier sentence.
/// </summary>
internal static class StoryLine
{
    /// <summary>Lead sentences considered: a news article says what happened in its first few.</summary>
    private const int LeadSentences = 4;

    /// <summary>Other articles read to see which sentence they share.</summary>
    private const int ComparedArticles = 20;

    /// <summary>The cited sentence and the story's members, the cited article first.</summary>
    public sealed record Line(string Sentence, IReadOnlyList<int> Members);

    public static Line? Choose(IReadOnlyList<int> members, IReadOnlyList<DatedArticle> period, IReadOnlyList<StoryItem> items)
    {
        foreach (var central in members.Take(5))
        {
            var sentences = NewsText.Sentences(period[central].Article.Paragraphs).Take(LeadSentences).ToList();
            if (sentences.Count == 0)
            {
                continue;
            }
            var others = members.Where(m => m != central).Take(ComparedArticles).Select(m => items[m].Shingles).ToList();
            var best = sentences
                .Select((s, i) => (Sentence: s, Position: i, Score: Score(s, i, others)))
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.Position)
                .First();
            return new Line(best.Sentence, [central, .. members.Where(m => m != central)]);
        }
        return null;
    }

    /// <summary>
    /// Share of the other articles that carry the sentence, plus a bonus for the lead; a sentence that continues another
    /// («وأضاف…», «كما…») or announces what follows («…نص البيان:») does not stand alone as a line.
    /// </summary>
    private static double Score(string sentence, int position, IReadOnlyList<ulong[]> others)
    {
        var shingles = WordShingles.Of(sentence);
        var support = shingles.Length == 0 || others.Count == 0
            ? 0 : others.Count(o => WordShingles.Shared(shingles, o) * 2 >= shingles.Length) / (double)others.Count;
        // A lead is never a continuation; later, a sentence opening with «و» usually is («وأعدت الهيئة…»).
        var dependent = NewsText.IsDependent(sentence) || (position > 0 && sentence.StartsWith('و'));
        return support + (position == 0 ? LeadBonus : 0) - (dependent ? DependentPenalty : 0);
    }

    private const double LeadBonus = 0.25;
    private const double DependentPenalty = 0.6;
}
