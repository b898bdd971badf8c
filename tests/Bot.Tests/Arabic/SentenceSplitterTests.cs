using Bot.Core.Arabic;

namespace Bot.Tests.Arabic;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splits_on_Arabic_question_mark_semicolon_and_full_stop()
    {
        var sentences = SentenceSplitter.Split("من زار دمشق؟ زارها الوزير؛ ثم عاد إلى طهران. وانتهت الزيارة!");

        Assert.Equal(["من زار دمشق؟", "زارها الوزير؛", "ثم عاد إلى طهران.", "وانتهت الزيارة!"], sentences);
    }

    [Fact]
    public void The_Arabic_comma_separates_clauses_not_sentences()
    {
        var sentences = SentenceSplitter.Split("التقى الوزير نظيره، وبحثا التعاون، ثم عقدا مؤتمرًا صحفيًا.");

        Assert.Single(sentences);
    }

    [Theory]
    [InlineData("ارتفع النمو إلى 2.5 في المئة هذا العام. وتراجع التضخم.", "ارتفع النمو إلى 2.5 في المئة هذا العام.")]
    [InlineData("وقعت الاتفاقية في 18.03.2024 في طهران. ثم غادر الوفد.", "وقعت الاتفاقية في 18.03.2024 في طهران.")]
    [InlineData("قال د. أحمد إن الوضع مستقر. وأضاف أن الحوار مستمر.", "قال د. أحمد إن الوضع مستقر.")]
    public void Numbers_dates_and_initials_do_not_end_a_sentence(string text, string first) =>
        Assert.Equal(first, SentenceSplitter.Split(text)[0]);

    [Theory]
    [InlineData("وضعت الشرطة الحواجز في مكانها.وكانت الطرق مغلقة.", "وضعت الشرطة الحواجز في مكانها.", "وكانت الطرق مغلقة.")]
    [InlineData("يعود بالنفع على المنطقة.\"التقى وزير الدفاع نظيره.", "يعود بالنفع على المنطقة.\"", "التقى وزير الدفاع نظيره.")]
    public void Arabic_sentences_glued_without_a_space_are_two_sentences(string text, string first, string second) =>
        Assert.Equal([first, second], SentenceSplitter.Split(text));

    [Fact]
    public void A_full_stop_inside_a_quotation_does_not_end_the_sentence()
    {
        var sentences = SentenceSplitter.Split("قال الوزير: «نحن معكم. وأمن البلدين واحد» ثم غادر. وانتهى اللقاء.");

        Assert.Equal(["قال الوزير: «نحن معكم. وأمن البلدين واحد» ثم غادر.", "وانتهى اللقاء."], sentences);
    }

    [Fact]
    public void Line_breaks_end_sentences_and_empty_lines_are_dropped()
    {
        var sentences = SentenceSplitter.Split("العنوان الأول\n\nنص الفقرة الأولى\n");

        Assert.Equal(["العنوان الأول", "نص الفقرة الأولى"], sentences);
    }

    [Fact]
    public void Words_keep_decimal_numbers_whole()
    {
        Assert.Equal(["ارتفع", "بنسبة", "2.5", "بالمئة"], SentenceSplitter.Words("ارتفع بنسبة 2.5 بالمئة."));
    }
}
