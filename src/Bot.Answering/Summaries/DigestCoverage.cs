using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>How a digest of one day compares with the day's biggest stories.</summary>
/// <param name="BiggestInTop15">Of the day's 10 biggest stories, how many the first 15 digest lines tell.</param>
/// <param name="Top3InTop5">Of the 3 biggest, how many the first 5 lines tell.</param>
/// <param name="Repeated">Lines among the first 15 that tell a story an earlier line already told.</param>
/// <param name="CitedOffDay">Lines among the first 15 whose cited article is not from the day.</param>
/// <param name="Biggest">The 10 biggest stories: outlets, articles and the digest line (1-based) that tells it, 0 if none.</param>
public sealed record DigestCoverageReport(
    DateOnly Date, int Articles, int BiggestInTop15, int Top3InTop5, int Repeated, int CitedOffDay,
    IReadOnlyList<BiggestStory> Biggest, double DigestMs)
{
    /// <summary>End to end from the command line (a fresh process), when measured.</summary>
    public double CliMs { get; init; }
}

/// <summary>One story of the ground truth: its central article, outlets, articles, and where the digest tells it.</summary>
public sealed record BiggestStory(string CentralArticleId, int Outlets, int Articles, int DigestLine);

/// <summary>
/// The ground truth for the digest's coverage, computed independently of it from the day's full texts: two articles
/// tell the same story when half of the smaller one's three-word shingles are in the other (every shingle, no caps,
/// no signatures). A story is an article with all the articles it shares wording with; its size is the number of distinct
/// outlets among them. The biggest is taken first, its articles are removed, and so on (a greedy cover, so one long
/// round-up cannot chain unrelated stories together). A digest line tells a story when its cited article is one of the
/// story's articles, or the story's central article is one of the line's.
/// </summary>
public static class DigestCoverage
{
    public const int Biggest = 10;
    public const int FirstLines = 15;
    public const int TopBiggest = 3;
    public const int TopLines = 5;

    public static DigestCoverageReport Measure(DateOnly date, IReadOnlyList<DatedArticle> day, Digest digest, double digestMs)
    {
        var stories = GroundTruth(day);
        var lines = digest.Stories.Take(FirstLines).ToList();
        var storyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < stories.Count; s++)
        {
            foreach (var id in stories[s].Members)
            {
                storyOf[id] = s;
            }
        }

        int LineOf(int s) => lines.FindIndex(l => stories[s].Members.Contains(l.ArticleIds[0]) || l.ArticleIds.Contains(stories[s].Members[0])) + 1;
        var biggest = stories.Take(Biggest)
            .Select((s, i) => new BiggestStory(s.Members[0], s.Outlets, s.Members.Count, LineOf(i)))
            .ToList();
        var told = lines.Select(l => storyOf.GetValueOrDefault(l.ArticleIds[0], -1)).ToList();
        var repeated = told.Where((s, i) => s >= 0 && stories[s].Outlets > 1 && told.Take(i).Contains(s)).Count();
        var days = day.ToDictionary(a => a.Article.Id, a => a.Article.Date, StringComparer.Ordinal);
        var offDay = lines.Count(l => days.GetValueOrDefault(l.ArticleIds[0]) != date);
        return new DigestCoverageReport(
            date, day.Count,
            biggest.Count(b => b.DigestLine > 0),
            biggest.Take(TopBiggest).Count(b => b.DigestLine is > 0 and <= TopLines),
            repeated, offDay, biggest, digestMs);
    }

    private sealed record Story(List<string> Members, int Outlets);

    /// <summary>Every story of the day, biggest first (the greedy cover described above).</summary>
    private static List<Story> GroundTruth(IReadOnlyList<DatedArticle> day)
    {
        var shingles = day.Select(a => WordShingles.Of(string.Join('\n', a.Article.Paragraphs))).ToArray();
        var neighbours = Enumerable.Range(0, day.Count).Select(i => new List<int> { i }).ToArray();
        foreach (var (pair, shared) in Pairs(shingles))
        {
            var (i, j) = ((int)(pair >> 32), (int)(pair & 0xFFFFFFFF));
            if (shared * 2 >= Math.Min(shingles[i].Length, shingles[j].Length))
            {
                neighbours[i].Add(j);
                neighbours[j].Add(i);
            }
        }

        var taken = new bool[day.Count];
        var stories = new List<Story>();
        while (true)
        {
            var best = Enumerable.Range(0, day.Count).Where(i => !taken[i])
                .Select(i => (Centre: i, Members: neighbours[i].Where(j => !taken[j]).ToList()))
                .Select(c => (c.Centre, c.Members, Outlets: c.Members.Select(j => day[j].Article.Source).Distinct().Count()))
                .OrderByDescending(c => c.Outlets).ThenByDescending(c => c.Members.Count).ThenBy(c => c.Centre)
                .FirstOrDefault();
            if (best.Members is null || best.Outlets < 2)
            {
                return stories;
            }
            foreach (var j in best.Members)
            {
                taken[j] = true;
            }
            stories.Add(new Story([day[best.Centre].Article.Id, .. best.Members.Where(j => j != best.Centre).Select(j => day[j].Article.Id)], best.Outlets));
        }
    }

    /// <summary>Every pair of articles sharing a shingle, with how many they share (no shingle skipped).</summary>
    private static Dictionary<long, int> Pairs(ulong[][] shingles)
    {
        var postings = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < shingles.Length; i++)
        {
            foreach (var s in shingles[i])
            {
                if (!postings.TryGetValue(s, out var list))
                {
                    postings[s] = list = [];
                }
                list.Add(i);
            }
        }
        var pairs = new Dictionary<long, int>();
        foreach (var list in postings.Values.Where(l => l.Count > 1))
        {
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    var key = ((long)list[a] << 32) | (uint)list[b];
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
            }
        }
        return pairs;
    }
}
