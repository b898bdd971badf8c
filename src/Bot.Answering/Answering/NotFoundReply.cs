using System.Globalization;
using System.Text;
using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Core.Answering;

/// <summary>
/// The honest reply when the model says the passages do not answer: the fixed «لم أجد…» sentence, the archive's
/// period when the question names a time outside it, and the closest articles, whether the offline engine or the model found nothing.
/// </summary>
public sealed class NotFoundReply(IArticleCatalog catalog, ArchiveCalendar? calendar = null)
{
    private const int ClosestArticles = 3;

    public async Task<string> WriteAsync(string question, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(ArabicMessages.NotFound);
        if (calendar is not null && await calendar.RangeAsync(cancellationToken).ConfigureAwait(false) is { } range
            && TimeCueParser.Parse(question, range.To.Year) is { HasPeriod: true, NamesYear: true } cue && (cue.To < range.From || cue.From > range.To))
        {
            text.Append(' ').Append(string.Format(CultureInfo.InvariantCulture, ArabicMessages.ArchiveCovers,
                ArabicDates.Format(range.From), ArabicDates.Format(range.To)));
        }
        var articleIds = passages.Select(p => p.Passage.ArticleId).Distinct(StringComparer.Ordinal).Take(ClosestArticles).ToList();
        if (articleIds.Count == 0)
        {
            return text.ToString();
        }
        text.Append('\n').Append(ArabicMessages.ClosestArticles);
        foreach (var id in articleIds)
        {
            if (await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } article)
            {
                text.Append("\n• ").Append(article.Title);
                if (article.Date is { } date)
                {
                    text.Append(" (").Append(ArabicDates.Format(date)).Append(')');
                }
            }
        }
        return text.ToString();
    }
}
