using System.Security.Cryptography;
using System.Text;
using Bot.Core.Arabic;

namespace Bot.Core.Evaluation;

/// <summary>Known-item recall of one engine: the target article first / in the first five, and the same for its story.</summary>
/// <param name="StoryRecallAt1">As <paramref name="RecallAt1"/>, but an article with exactly the same normalised text as the
/// target (the same wire story from another outlet), or a result that names the target as a folded copy, counts as found.</param>
public sealed record KnownItemScore(int Queries, double RecallAt1, double RecallAt5, double StoryRecallAt1, double StoryRecallAt5);

/// <summary>One returned passage, by its article; <paramref name="AlsoPublishedIn"/> lists copies of the story the engine folded into it.</summary>
public sealed record KnownItemHit(string ArticleId, IReadOnlyList<string>? AlsoPublishedIn = null);

/// <summary>
/// Scores ranked passages against <see cref="KnownItemQuery"/> targets. An article is found at the rank of its first
/// passage among the distinct articles returned.
/// </summary>
public static class KnownItemScoring
{
    /// <summary>The 1-based rank of the first distinct article whose hit <paramref name="isTarget"/> accepts, or null.</summary>
    public static int? ArticleRank(IEnumerable<KnownItemHit> hits, Func<KnownItemHit, bool> isTarget)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (!seen.Add(hit.ArticleId))
            {
                continue;
            }
            if (isTarget(hit))
            {
                return seen.Count;
            }
        }
        return null;
    }

    /// <summary>As above, for hits that are bare article ids.</summary>
    public static int? ArticleRank(IEnumerable<string> articleIds, Func<string, bool> isTarget) =>
        ArticleRank(articleIds.Select(id => new KnownItemHit(id)), hit => isTarget(hit.ArticleId));

    /// <param name="results">For each query, the passages returned, best first.</param>
    /// <param name="storyOf">Article id → story key (see <see cref="StoryKey"/>); articles missing here are their own story.</param>
    public static KnownItemScore Score(
        IReadOnlyList<KnownItemQuery> queries, IReadOnlyList<IReadOnlyList<KnownItemHit>> results, IReadOnlyDictionary<string, string> storyOf)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(results.Count, queries.Count, nameof(results));
        int at1 = 0, at5 = 0, storyAt1 = 0, storyAt5 = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var target = queries[i].ArticleId;
            var story = storyOf.GetValueOrDefault(target);
            bool SameStory(string id) => id == target || (story is not null && storyOf.GetValueOrDefault(id) == story);
            var rank = ArticleRank(results[i], hit => hit.ArticleId == target);
            var storyRank = ArticleRank(results[i], hit => SameStory(hit.ArticleId) || (hit.AlsoPublishedIn ?? []).Any(SameStory));
            at1 += rank == 1 ? 1 : 0;
            at5 += rank <= 5 ? 1 : 0;
            storyAt1 += storyRank == 1 ? 1 : 0;
            storyAt5 += storyRank <= 5 ? 1 : 0;
        }
        double Share(int n) => queries.Count == 0 ? 0 : Math.Round((double)n / queries.Count, 3);
        return new KnownItemScore(queries.Count, Share(at1), Share(at5), Share(storyAt1), Share(storyAt5));
    }

    /// <summary>A key equal for two texts exactly when their normalised forms are equal (spacing and spelling variants aside).</summary>
    public static string StoryKey(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ArabicNormalizer.Normalize(text))));
}
