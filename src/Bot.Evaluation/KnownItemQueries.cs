using Bot.Core.Arabic;
using Bot.Core.Corpus;

namespace Bot.Core.Evaluation;

/// <summary>One known-item query: words lifted from the middle of an article, which that article must answer.</summary>
public sealed record KnownItemQuery(string ArticleId, string Text);

/// <summary>
/// Known-item search as a user who half-remembers a story would type it: for randomly chosen articles (fixed seed),
/// 8–14 consecutive words from the middle of the text with every fourth word dropped. The same queries serve every
/// engine compared, so their recall is comparable.
/// </summary>
public static class KnownItemQueries
{
    public const int DefaultSeed = 20150721;
    private const int MinWords = 8;
    private const int MaxWords = 14;

    public static IReadOnlyList<KnownItemQuery> Make(IReadOnlyList<(string Id, string Text)> articles, int count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var candidates = articles.Where(a => !string.IsNullOrWhiteSpace(a.Text)).ToList();
        var queries = new List<KnownItemQuery>(count);
        var used = new HashSet<int>();
        var attempts = 0;
        while (queries.Count < count && used.Count < candidates.Count && attempts++ < count * 20)
        {
            var index = random.Next(candidates.Count);
            if (!used.Add(index))
            {
                continue;
            }
            var words = SentenceSplitter.Words(candidates[index].Text);
            var length = random.Next(MinWords, MaxWords + 1);
            if (words.Count < length + 4)
            {
                continue;
            }
            var start = Math.Max(0, words.Count / 2 - length / 2);
            var kept = words.Skip(start).Take(length).Where((_, i) => i % 4 != 3);
            queries.Add(new KnownItemQuery(candidates[index].Id, string.Join(' ', kept)));
        }
        return queries;
    }

    public static IReadOnlyList<KnownItemQuery> Make(IReadOnlyList<Article> articles, int count, int seed = DefaultSeed) =>
        Make(articles.Select(a => (a.Id, string.Join('\n', a.Paragraphs))).ToList(), count, seed);
}
