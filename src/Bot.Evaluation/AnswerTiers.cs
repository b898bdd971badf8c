using Bot.Core.Answering;

namespace Bot.Core.Evaluation;

/// <summary>The tier an answer falls in: a firm answer, a tentative one (opening with the ⚠️ note) or «not found».</summary>
internal enum AnswerTier
{
    Refused,
    Tentative,
    Firm,
}

/// <summary>How a set of questions split over the three tiers (fractions of <paramref name="Questions"/>).</summary>
/// <param name="FirmContainment">Questions answered firmly with the gold answer in the answer.</param>
/// <param name="TentativeContainment">Questions answered tentatively with the gold answer in the answer.</param>
/// <param name="UsefulRate">Questions whose answer, firm or tentative, holds the gold answer.</param>
public sealed record TierSplit(
    int Questions, double FirmRate, double TentativeRate, double RefusedRate, double FirmContainment, double TentativeContainment, double UsefulRate);

/// <summary>Counts answers per tier and whether they hold the gold answer.</summary>
internal sealed class TierTally
{
    private int _questions, _firm, _tentative, _firmContained, _tentativeContained;

    public static AnswerTier TierOf(Answer answer) =>
        !answer.Found ? AnswerTier.Refused : answer.Tentative ? AnswerTier.Tentative : AnswerTier.Firm;

    public void Add(Answer answer, bool contained)
    {
        _questions++;
        switch (TierOf(answer))
        {
            case AnswerTier.Firm:
                _firm++;
                _firmContained += contained ? 1 : 0;
                break;
            case AnswerTier.Tentative:
                _tentative++;
                _tentativeContained += contained ? 1 : 0;
                break;
        }
    }

    public TierSplit Split()
    {
        double n = Math.Max(1, _questions);
        return new TierSplit(_questions, _firm / n, _tentative / n, (_questions - _firm - _tentative) / n,
            _firmContained / n, _tentativeContained / n, (_firmContained + _tentativeContained) / n);
    }
}
