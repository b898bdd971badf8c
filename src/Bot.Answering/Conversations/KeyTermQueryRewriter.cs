using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Conversations;

/// <summary>
/// Offline follow-up rewriting: a question that leans on the previous one (starts with و/ف before a question word,
/// points back with ذلك/هذا/هذه/هو/هي/هم, or has at most two search terms of its own) is searched together with
/// the previous question's words.
/// </summary>
internal sealed class KeyTermQueryRewriter : IQueryRewriter
{
    private const int OwnTermsOfAStandaloneQuestion = 3;

    private static readonly string[] PointingWords = ["ذلك", "هذا", "هذه", "هو", "هي", "هم", "هؤلاء", "تلك", "ذاك", "عنه", "عنها", "فيه", "فيها"];

    private static readonly string[] QuestionWords = ["متي", "كم", "اين", "لماذا", "من", "ما", "ماذا", "كيف", "هل"];

    public Task<string> RewriteAsync(Question question, CancellationToken cancellationToken)
    {
        if (question.History.Count == 0 || !IsFollowUp(question.Text))
        {
            return Task.FromResult(question.Text);
        }
        var previous = question.History[^1].Question;
        return Task.FromResult($"{question.Text} {previous}");
    }

    internal static bool IsFollowUp(string text)
    {
        var words = SentenceSplitter.Words(ArabicNormalizer.Normalize(text));
        if (words.Count == 0)
        {
            return false;
        }
        var first = words[0];
        var startsWithConjunction = first.Length > 2 && first[0] is 'و' or 'ف' && QuestionWords.Contains(first[1..]);
        var points = words.Any(w => PointingWords.Contains(w));
        var ownTerms = ArabicSearchAnalyzer.Instance.Terms(text).Distinct().Count();
        return startsWithConjunction || points || ownTerms < OwnTermsOfAStandaloneQuestion;
    }
}
