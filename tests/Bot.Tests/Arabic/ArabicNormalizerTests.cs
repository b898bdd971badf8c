using Bot.Core.Arabic;

namespace Bot.Tests.Arabic;

public sealed class ArabicNormalizerTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]          // alef with hamza above
    [InlineData("إيران", "ايران")]        // alef with hamza below
    [InlineData("آذار", "اذار")]          // alef with madda
    [InlineData("ٱلله", "الله")]          // alef wasla
    [InlineData("مستشفى", "مستشفي")]      // alef maqsura → ya
    [InlineData("مدرسة", "مدرسه")]        // ta marbuta → ha
    [InlineData("العـــربية", "العربيه")] // tatweel
    [InlineData("مُحَمَّدٌ", "محمد")]        // tashkeel
    [InlineData("٢٠٢٤", "2024")]          // Arabic-Indic digits
    [InlineData("۱۴۰۳", "1403")]          // Persian digits
    [InlineData("کتاب فارسی", "كتاب فارسي")] // Persian kaf and ya
    [InlineData("لماذا؟ نعم، لا؛", "لماذا? نعم, لا;")] // Arabic punctuation
    [InlineData("NATO  و   UN", "nato و un")] // Latin lower case, spaces collapsed
    public void Each_rule_maps_its_characters(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));

    [Fact]
    public void Normalising_twice_changes_nothing()
    {
        var once = ArabicNormalizer.Normalize("إِنَّ وزيرَ الدفاعِ وصلَ إلى طهرانَ في ١٨ آذار ٢٠٢٤؟");
        Assert.Equal(once, ArabicNormalizer.Normalize(once));
    }

    [Theory]
    [InlineData("التقى الوزير نظيره", 1.0)]
    [InlineData("The minister met his counterpart", 0.0)]
    [InlineData("", 0.0)]
    public void The_Arabic_letter_share_measures_how_Arabic_a_text_is(string text, double expected) =>
        Assert.Equal(expected, ArabicNormalizer.ArabicLetterShare(text), 3);
}
