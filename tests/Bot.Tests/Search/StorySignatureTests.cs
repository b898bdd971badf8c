using Bot.Core.Search;

namespace Bot.Tests.Search;

public sealed class StorySignatureTests
{
    private const string Wire =
        "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة تبوك بسعة ثلاثمئة سرير. وقال الوزير إن المستشفى يضم أقساما للطوارئ والعناية المركزة والأطفال. " +
        "وأضاف أن تكلفة المشروع بلغت أربعمئة مليون ريال وأنه سيخدم سكان المنطقة والمحافظات المجاورة. وأشار إلى أن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل.";

    private static byte[] Signature(string text) => StorySignature.Of(AnalyzedText.Of(text).Stems);

    [Fact]
    public void The_same_wire_story_trimmed_and_lightly_edited_by_another_outlet_is_recognised()
    {
        var edited = Wire.Replace("اليوم", "أمس").Replace(" وأشار إلى أن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل.", "");

        Assert.True(StorySignature.Similarity(Signature(Wire), Signature(edited)) >= StorySignature.SameStory);
    }

    [Fact]
    public void A_different_story_on_the_same_subject_is_not_taken_for_a_copy()
    {
        const string other = "وقّعت وزارة الصحة اتفاقية مع جامعة الملك سعود لتدريب الممرضين في المستشفيات الحكومية. وتستمر الاتفاقية خمس سنوات وتشمل برامج للابتعاث والتعليم المستمر في الرياض وجدة.";

        Assert.True(StorySignature.Similarity(Signature(Wire), Signature(other)) < StorySignature.SameStory / 2);
    }
}
