using Bot.Core.Answering;

namespace Bot.Tests.Answering;

public sealed class CitationValidatorTests
{
    private static readonly SourcePassage[] Sources =
    [
        new("a", "زيارة طهران", new DateOnly(2024, 3, 18), "a#1", "أجرى الوزير مباحثات في طهران. ناقش الطرفان التعاون العسكري."),
        new("b", "زيارة دمشق", null, "b#1", "وصل الوزير الإيراني إلى دمشق ظهر السبت."),
    ];

    [Fact]
    public void A_mark_that_names_no_source_is_removed()
    {
        var cited = CitationValidator.Resolve("وصل الوزير إلى دمشق [2]. وقال شيئًا آخر [7].", Sources);

        Assert.Equal("وصل الوزير إلى دمشق [1]. وقال شيئًا آخر.", cited.Text);
        Assert.Equal(1, cited.Removed);
        Assert.Equal("b#1", Assert.Single(cited.Citations).PassageId);
    }

    [Fact]
    public void Marks_are_renumbered_in_order_of_first_use()
    {
        var cited = CitationValidator.Resolve("وصل إلى دمشق [2]. ناقش التعاون العسكري [1]. ثم عاد [2].", Sources);

        Assert.Equal("وصل إلى دمشق [1]. ناقش التعاون العسكري [2]. ثم عاد [1].", cited.Text);
        Assert.Equal(["b#1", "a#1"], cited.Citations.Select(c => c.PassageId));
    }

    [Fact]
    public void Arabic_Indic_and_grouped_marks_are_understood()
    {
        var cited = CitationValidator.Resolve("ناقش الطرفان التعاون [١، ٢].", Sources);

        Assert.Equal("ناقش الطرفان التعاون [1] [2].", cited.Text);
        Assert.Equal(2, cited.Citations.Count);
    }

    [Fact]
    public void A_citation_quotes_the_source_sentence_closest_to_the_cited_claim()
    {
        var cited = CitationValidator.Resolve("ناقش الطرفان التعاون العسكري [1].", Sources);

        var citation = Assert.Single(cited.Citations);
        Assert.Equal("ناقش الطرفان التعاون العسكري.", citation.Quote);
        Assert.Equal("زيارة طهران", citation.Title);
        Assert.Equal(new DateOnly(2024, 3, 18), citation.Date);
    }
}
