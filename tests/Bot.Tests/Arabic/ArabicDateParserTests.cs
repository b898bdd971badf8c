using Bot.Core.Arabic;

namespace Bot.Tests.Arabic;

public sealed class ArabicDateParserTests
{
    [Theory]
    [InlineData("18 مارس 2024", 2024, 3, 18)]
    [InlineData("18 آذار 2024", 2024, 3, 18)]
    [InlineData("الاثنين 4 تشرين الثاني 2024", 2024, 11, 4)]
    [InlineData("1 أيلول 2023", 2023, 9, 1)]
    [InlineData("15 تموز 2020 - 12:45 م", 2020, 7, 15)]
    [InlineData("٢٣ كانون الأول ٢٠٢٣", 2023, 12, 23)]
    [InlineData("3 أغسطس 2022", 2022, 8, 3)]
    [InlineData("2024-03-18", 2024, 3, 18)]
    [InlineData("18/03/2024", 2024, 3, 18)]
    public void Arabic_dates_are_recognised(string text, int year, int month, int day)
    {
        Assert.True(ArabicDateParser.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.True(ArabicDateParser.IsDateLine(text));
    }

    [Theory]
    [InlineData("31 شباط 2024")]
    [InlineData("وزير الدفاع يزور طهران")]
    [InlineData("في عام 2020")]
    public void Text_without_a_valid_date_is_not_a_date(string text) =>
        Assert.False(ArabicDateParser.TryParse(text, out _));

    [Fact]
    public void A_body_sentence_that_mentions_a_date_is_not_a_date_line() =>
        Assert.False(ArabicDateParser.IsDateLine("وفي 18 مارس 2024 أجرى وزير الدفاع مباحثات مطولة مع رئيس الأركان حول التعاون العسكري بين البلدين"));
}
