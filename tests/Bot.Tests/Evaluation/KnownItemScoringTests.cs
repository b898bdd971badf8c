using Bot.Core.Evaluation;

namespace Bot.Tests.Evaluation;

public sealed class KnownItemScoringTests
{
    private static readonly IReadOnlyDictionary<string, string> NoStories = new Dictionary<string, string>();

    private static IReadOnlyList<KnownItemHit> Hits(string[] articleIds) => articleIds.Select(id => new KnownItemHit(id)).ToList();

    [Fact]
    public void An_article_is_found_at_the_rank_of_its_first_passage_among_distinct_articles()
    {
        var rank = KnownItemScoring.ArticleRank(["okaz-1", "okaz-1", "sabq-7", "okaz-1", "was-3"], id => id == "was-3");

        Assert.Equal(3, rank);
    }

    [Fact]
    public void A_target_missing_from_the_results_has_no_rank()
    {
        Assert.Null(KnownItemScoring.ArticleRank(["okaz-1", "sabq-7"], id => id == "was-3"));
    }

    [Fact]
    public void Recall_counts_the_target_first_and_within_the_first_five_articles()
    {
        var queries = new[] { new KnownItemQuery("a", "…"), new KnownItemQuery("b", "…"), new KnownItemQuery("c", "…"), new KnownItemQuery("d", "…") };
        string[][] ids =
        [
            ["a", "x"],
            ["x", "x", "b"],
            ["x", "y", "z", "w", "v", "c"],
            [],
        ];

        var score = KnownItemScoring.Score(queries, ids.Select(Hits).ToList(), NoStories);

        Assert.Equal(0.25, score.RecallAt1);
        Assert.Equal(0.5, score.RecallAt5);
    }

    [Fact]
    public void The_same_wire_story_from_another_outlet_counts_only_in_the_story_variant()
    {
        var story = KnownItemScoring.StoryKey("أعلنت وزارة الصحة افتتاح مستشفى جديد في جدة");
        var stories = new Dictionary<string, string> { ["okaz-10"] = story, ["sabq-22"] = story };
        var queries = new[] { new KnownItemQuery("okaz-10", "وزارة الصحة افتتاح مستشفى") };

        var score = KnownItemScoring.Score(queries, [Hits(["sabq-22", "okaz-10"])], stories);

        Assert.Equal(0, score.RecallAt1);
        Assert.Equal(1, score.RecallAt5);
        Assert.Equal(1, score.StoryRecallAt1);
    }

    [Fact]
    public void A_result_that_folded_the_target_in_as_a_copy_counts_only_in_the_story_variant()
    {
        var queries = new[] { new KnownItemQuery("okaz-10", "وزارة الصحة افتتاح مستشفى") };

        var score = KnownItemScoring.Score(queries, [[new KnownItemHit("sabq-22", ["okaz-10"]), new KnownItemHit("was-1")]], NoStories);

        Assert.Equal(0, score.RecallAt5);
        Assert.Equal(1, score.StoryRecallAt1);
    }

    [Fact]
    public void Story_keys_ignore_spelling_variants_that_normalisation_removes_but_not_different_wording()
    {
        var original = KnownItemScoring.StoryKey("أعلنت الوزارةُ   افتتاح مستشفى");

        Assert.Equal(original, KnownItemScoring.StoryKey("اعلنت الوزاره افتتاح مستشفى"));
        Assert.NotEqual(original, KnownItemScoring.StoryKey("أعلنت الوزارة إغلاق مستشفى"));
    }
}
