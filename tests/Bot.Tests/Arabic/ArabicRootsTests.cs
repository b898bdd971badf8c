using Bot.Core.Arabic;
using Bot.Core.Search;

namespace Bot.Tests.Arabic;

public sealed class ArabicRootsTests
{
    private static string? RootOfWord(string word) => ArabicRoots.Of(Assert.Single(ArabicSearchAnalyzer.Instance.Terms(word)));

    [Theory]
    [InlineData("الاعتداءات", "عدوان")]
    [InlineData("زيارة", "زار")]
    [InlineData("استقبال", "مستقبل")]
    [InlineData("المكتب", "كتاب")]
    [InlineData("اجتماع", "جامع")]
    public void Words_of_one_root_meet(string first, string second)
    {
        var root = RootOfWord(first);

        Assert.NotNull(root);
        Assert.Equal(root, RootOfWord(second));
    }

    [Theory]
    [InlineData("زيارة", "دمشق")]
    [InlineData("الاعتداءات", "اتفاقية")]
    [InlineData("كتاب", "قتال")]
    public void Words_of_other_roots_stay_apart(string first, string second) =>
        Assert.NotEqual(RootOfWord(first), RootOfWord(second));

    [Fact]
    public void A_long_name_has_no_root_rather_than_a_wrong_one() =>
        Assert.Null(RootOfWord("كاليفورنيا"));
}
