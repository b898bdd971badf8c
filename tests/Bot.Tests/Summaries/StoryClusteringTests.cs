using Bot.Core.Summaries;

namespace Bot.Tests.Summaries;

public sealed class StoryClusteringTests
{
    private static ulong[] Shingles(int from, int count) => Enumerable.Range(from, count).Select(i => (ulong)i).ToArray();

    [Fact]
    public void Copies_in_several_outlets_are_one_story_and_a_rewrite_sharing_half_its_wording_joins_it()
    {
        var items = new[]
        {
            new StoryItem("okaz", Shingles(0, 40), []),
            new StoryItem("sabq", Shingles(0, 40), []),
            new StoryItem("alyaum", Shingles(20, 30), []), // 20 of its 30 shingles are the wire's
            new StoryItem("alriyadh", Shingles(100, 40), []),
        };

        var stories = StoryClustering.Group(items);

        Assert.Equal(2, stories.Count);
        var wire = Assert.Single(stories, s => s.Members.Contains(0));
        Assert.Equal([0, 1, 2], wire.Members.Order());
        Assert.Equal(3, wire.Outlets);
    }

    [Fact]
    public void Articles_linked_only_one_to_the_next_are_not_chained_into_one_story()
    {
        // Each article shares 12 of its 20 shingles with the next and none with the one after: single-link grouping
        // would make all eight one story.
        var items = Enumerable.Range(0, 8).Select(i => new StoryItem($"outlet{i}", Shingles(i * 8, 20), [])).ToArray();

        var stories = StoryClustering.Group(items);

        Assert.All(stories, s => Assert.InRange(s.Members.Count, 1, 3));
        Assert.Equal(8, stories.Sum(s => s.Members.Count));
    }
}
