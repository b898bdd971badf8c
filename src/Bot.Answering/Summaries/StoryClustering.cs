using Bot.Core.Search;

namespace Bot.Core.Summaries;

/// <summary>An article to group: its outlet, its wording and its index signature.</summary>
internal sealed record StoryItem(string Outlet, ulong[] Shingles, byte[] Signature);

/// <summary>A story: its articles, most central first (the one sharing most wording with the others).</summary>
/// <param name="Reach">Articles its central article shares wording with, including those a bigger story took: ties on
/// outlets go to the story more articles repeat.</param>
internal sealed record StoryCluster(IReadOnlyList<int> Members, int Outlets, int Reach);

/// <summary>
/// Groups a period's articles into stories. Two articles tell the same story when their index signatures agree
/// (<see cref="StorySignature.SameStory"/>: wire copies) or when half of the smaller one's three-word shingles are in the
/// other (rewrites, trimmed copies, a reaction that quotes the statement). Stories are stars, not chains: the article
/// linked to the most outlets takes its linked articles, then the next — so the royal-cable templates and round-ups that
/// link many short articles never join unrelated stories into one (single-link grouping put 47 articles of a dozen
/// events into one story on 22 July 2015).
/// </summary>
internal static class StoryClustering
{
    public const double SharedWording = 0.5;

    /// <summary>A shingle found in more articles than this is an outlet's boilerplate, not a story's wording.</summary>
    public const int MaxPostings = 40;

    /// <summary>Too short to judge by wording (a caption, a headline alone).</summary>
    public const int MinShingles = 6;

    public static IReadOnlyList<StoryCluster> Group(IReadOnlyList<StoryItem> items)
    {
        var n = items.Count;
        var links = Enumerable.Range(0, n).Select(_ => new List<(int Other, double Weight)>()).ToArray();
        foreach (var (pair, count) in SharedShingles(items))
        {
            var (i, j) = ((int)(pair >> 32), (int)(pair & 0xFFFFFFFF));
            var link = Link(items[i], items[j], count);
            if (link > 0)
            {
                links[i].Add((j, link));
                links[j].Add((i, link));
            }
        }

        // Star cover: the article whose linked articles (still free) span the most outlets becomes a story with them; a
        // story's size only shrinks as others take its articles, so a stale size in the queue is recomputed, not trusted.
        var taken = new bool[n];
        var queue = new PriorityQueue<int, (int Outlets, int Articles, int Index)>(
            Comparer<(int Outlets, int Articles, int Index)>.Create((a, b) =>
                a.Outlets != b.Outlets ? b.Outlets.CompareTo(a.Outlets)
                : a.Articles != b.Articles ? b.Articles.CompareTo(a.Articles)
                : a.Index.CompareTo(b.Index)));
        for (var i = 0; i < n; i++)
        {
            queue.Enqueue(i, Size(i));
        }
        var clusters = new List<StoryCluster>();
        while (queue.TryDequeue(out var centre, out var size))
        {
            if (taken[centre])
            {
                continue;
            }
            var now = Size(centre);
            if (now != size)
            {
                queue.Enqueue(centre, now);
                continue;
            }
            var members = links[centre].Where(l => !taken[l.Other]).OrderByDescending(l => l.Weight).Select(l => l.Other).Prepend(centre).ToList();
            foreach (var m in members)
            {
                taken[m] = true;
            }
            clusters.Add(new StoryCluster(members, now.Outlets, links[centre].Count + 1));
        }
        return clusters;

        (int Outlets, int Articles, int Index) Size(int i)
        {
            var free = links[i].Where(l => !taken[l.Other]).Select(l => l.Other).Prepend(i).ToList();
            return (free.Select(m => items[m].Outlet).Distinct(StringComparer.Ordinal).Count(), free.Count, i);
        }
    }

    /// <summary>
    /// Shingles shared by each pair of articles that shares any: every (shingle, article) sorted by shingle, then each run
    /// of articles with one shingle counts once for each of its pairs. A run longer than <see cref="MaxPostings"/> is skipped.
    /// </summary>
    private static Dictionary<long, int> SharedShingles(IReadOnlyList<StoryItem> items)
    {
        var total = items.Sum(i => i.Shingles.Length);
        var shingles = new ulong[total];
        var owners = new int[total];
        var at = 0;
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var shingle in items[i].Shingles)
            {
                shingles[at] = shingle;
                owners[at++] = i;
            }
        }
        Array.Sort(shingles, owners);

        var pairs = new Dictionary<long, int>();
        for (var start = 0; start < total;)
        {
            var end = start + 1;
            while (end < total && shingles[end] == shingles[start])
            {
                end++;
            }
            if (end - start is > 1 and <= MaxPostings)
            {
                for (var a = start; a < end; a++)
                {
                    for (var b = a + 1; b < end; b++)
                    {
                        var (x, y) = owners[a] < owners[b] ? (owners[a], owners[b]) : (owners[b], owners[a]);
                        var key = ((long)x << 32) | (uint)y;
                        pairs[key] = pairs.GetValueOrDefault(key) + 1;
                    }
                }
            }
            start = end;
        }
        return pairs;
    }

    /// <summary>How strongly two articles are the same story (0 when they are not).</summary>
    internal static double Link(StoryItem a, StoryItem b, int sharedShingles)
    {
        var smaller = Math.Min(a.Shingles.Length, b.Shingles.Length);
        if (smaller >= MinShingles && sharedShingles / (double)smaller is var containment && containment >= SharedWording)
        {
            return containment;
        }
        var signature = StorySignature.Similarity(a.Signature, b.Signature);
        return signature >= StorySignature.SameStory && sharedShingles >= MinShingles ? signature : 0;
    }
}
