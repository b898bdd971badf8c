using Bot.Core.Arabic;

namespace Bot.Tests.Arabic;

public sealed class PublisherChromeTests
{
    [Theory]
    [InlineData("رابط الخبر بصحيفة الوئام: \"فيفا\" يسمح للهلال بإشراك إدواردو بكأس السوبر السعودي")]
    [InlineData("+ الخط -")]
    [InlineData("اظهر الملخص")]
    [InlineData("وزير دفاع النظام السوري مع رئيس الأركان الإيرانية (وكالة فارس)")]
    [InlineData("لاعبو الهلال خلال التدريب (رويترز)")]
    public void Publisher_lines_controls_and_captions_are_chrome(string sentence) =>
        Assert.True(PublisherChrome.IsChrome(sentence));

    [Theory]
    [InlineData("وذكرت وكالة \"فارس\" الإيرانية، أن الطرفين بحثا في اللقاء تفاصيل التعاون العسكري.")]
    [InlineData("أعلن الاتحاد السعودي لكرة القدم موعد كأس السوبر (في لندن).")]
    [InlineData("الخط الأمامي للجبهة شهد اشتباكات عنيفة أمس.")]
    public void News_sentences_are_not_chrome_even_when_they_name_an_agency_or_end_in_brackets(string sentence) =>
        Assert.False(PublisherChrome.IsChrome(sentence));

    [Theory]
    [InlineData("القاهرة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس أجلت محكمة جنايات القاهرة محاكمة الرئيس.",
        "أجلت محكمة جنايات القاهرة محاكمة الرئيس.")]
    [InlineData("إسلام آباد 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس أحرق مسلحون مجهولون مبنى مدرسة.",
        "أحرق مسلحون مجهولون مبنى مدرسة.")]
    [InlineData("أجلت المحكمة المحاكمة إلى 16 أغسطس.", "أجلت المحكمة المحاكمة إلى 16 أغسطس.")]
    public void An_agency_dateline_is_cut_from_the_sentence_it_opens(string sentence, string expected) =>
        Assert.Equal(expected, PublisherChrome.WithoutDateline(sentence));
}
