using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Answering;

/// <summary>A sentence of a retrieved passage with how well it answers the question.</summary>
/// <param name="Coverage">Share of the question's (damped) idf weight whose stems the sentence contains.</param>
internal sealed record ScoredSentence(string Text, RankedPassage Source, int Position, double Score, double Coverage);

/// <summary>
/// Scores sentences against a question from: the share of the question's idf-weighted stems the sentence contains
/// (coverage), the share of its key content counting near spellings (<see cref="KeyContent.LooseCoverage"/>), how
/// close together the matched words are (proximity), whether it holds what the question word asks for (cue: a date
/// for متى, a number for كم, a place for أين…), and the passage's search score relative to the best. The weights were
/// fitted on XQuAD-ar (gold answer among the two best sentences: 0.787 → 0.824); without key content (summaries) the
/// score is coverage, proximity and rank only.
/// </summary>
internal sealed class SentenceScorer(
    IReadOnlyList<string> questionTerms, IReadOnlyDictionary<string, double> idf, QuestionKind kind, KeyContent? key = null)
{
    internal const double IdfDamping = 0.25;
    private const int ShortSentenceWords = 4;

    // Summaries (no key content): the original coverage-led score.
    private const double ProximityWeight = 0.2;
    private const double CueWeight = 0.15;
    private const double RankWeight = 0.1;

    // Questions.
    private const double CoverageWeight = 0.5;
    private const double KeyContentWeight = 1.5;
    private const double DigitWeight = 0.1;
    private const double SearchScoreWeight = 1.8;
    private const double ShortSentencePenalty = 1.0;

    private readonly HashSet<string> _question = questionTerms.ToHashSet(StringComparer.Ordinal);
    private readonly string[] _questionTerms = questionTerms.Distinct(StringComparer.Ordinal).ToArray();

    // Each attached-preposition or tanween form of a question term counts as that term.
    private readonly Dictionary<string, string> _forms = questionTerms
        .SelectMany(t => TermVariants.Of(t).Select(form => (form, t)))
        .DistinctBy(x => x.form)
        .ToDictionary(x => x.form, x => x.t, StringComparer.Ordinal);
    private double QuestionWeight => _questionTerms.Sum(Weight);

    /// <summary>
    /// Term weight = idf^<see cref="IdfDamping"/>: rare words still count more, but one rare word no longer outweighs
    /// several shared ones (measured on XQuAD-ar: containment 0.694 with raw idf, 0.712 damped).
    /// </summary>
    private double Weight(string term) => Math.Pow(idf.GetValueOrDefault(term), IdfDamping);

    /// <summary>A cue that matches the question word is worth more for the kinds whose answer it nearly is.</summary>
    private static double CueValue(QuestionKind kind) => kind switch
    {
        QuestionKind.Time or QuestionKind.Year => 0.65,
        QuestionKind.Place => 0.45,
        QuestionKind.Number => 0.35,
        _ => 0.15,
    };

    public IEnumerable<ScoredSentence> Score(IReadOnlyList<RankedPassage> passages)
    {
        var topScore = passages.Count == 0 ? 1 : Math.Max(passages[0].Score, 1e-9);
        foreach (var passage in passages)
        {
            var sentences = SentenceSplitter.Split(passage.Passage.Text);
            for (var i = 0; i < sentences.Count; i++)
            {
                var sentence = sentences[i];
                var analysed = ArabicSearchAnalyzer.Instance.Terms(sentence);
                var terms = analysed.Select(t => _forms.GetValueOrDefault(t, t)).ToList();
                var matched = terms.Where(_question.Contains).Distinct(StringComparer.Ordinal).ToList();
                var coverage = QuestionWeight <= 0 ? 0 : matched.Sum(t => Weight(t)) / QuestionWeight;
                var cue = matched.Count > 0 && QuestionCue.Satisfies(kind, sentence);
                var rank = passage.Score / topScore;
                var isShort = SentenceSplitter.Words(sentence).Count < ShortSentenceWords;

                double score;
                if (key is null)
                {
                    score = coverage + ProximityWeight * Proximity(terms, matched) + (cue ? CueWeight : 0) + RankWeight * rank;
                    score *= isShort ? 0.5 : 1;
                }
                else
                {
                    score = CoverageWeight * coverage
                        + KeyContentWeight * key.LooseCoverage(AnswerSupport.Stems(analysed))
                        + ProximityWeight * Proximity(terms, matched)
                        + (cue ? CueValue(kind) : 0)
                        + (sentence.Any(char.IsDigit) ? DigitWeight : 0)
                        + SearchScoreWeight * rank
                        - (isShort ? ShortSentencePenalty : 0);
                }
                yield return new ScoredSentence(sentence, passage, i, score, coverage);
            }
        }
    }

    /// <summary>Matched terms per token of the shortest window that holds them all (1 when adjacent).</summary>
    private static double Proximity(IReadOnlyList<string> terms, IReadOnlyList<string> matched)
    {
        if (matched.Count < 2)
        {
            return 0;
        }
        var wanted = matched.ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var best = int.MaxValue;
        var left = 0;
        for (var right = 0; right < terms.Count; right++)
        {
            if (wanted.Contains(terms[right]))
            {
                counts[terms[right]] = counts.GetValueOrDefault(terms[right]) + 1;
            }
            while (counts.Count == wanted.Count)
            {
                best = Math.Min(best, right - left + 1);
                if (wanted.Contains(terms[left]) && --counts[terms[left]] == 0)
                {
                    counts.Remove(terms[left]);
                }
                left++;
            }
        }
        return best == int.MaxValue ? 0 : (double)wanted.Count / best;
    }
}
