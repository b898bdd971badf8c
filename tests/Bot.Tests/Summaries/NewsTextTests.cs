using Bot.Core.Summaries;

namespace Bot.Tests.Summaries;

public sealed class NewsTextTests
{
    [Theory]
    [InlineData("الرياض - واس: أعلنت وزارة الصحة افتتاح مستشفى جديد في تبوك.", "أعلنت وزارة الصحة افتتاح مستشفى جديد في تبوك.")]
    [InlineData("محمد عطيف- سبق: حذرت باحثة متخصصة من تنامي وسائل التغرير بصغار السن.", "حذرت باحثة متخصصة من تنامي وسائل التغرير بصغار السن.")]
    [InlineData("واس - جدة: استقبل أمير منطقة مكة المكرمة سفير اليابان في مكتبه.", "استقبل أمير منطقة مكة المكرمة سفير اليابان في مكتبه.")]
    [InlineData("وصلت الطائرة الإغاثية الخامسة إلى مطار عدن الدولي (واس).", "وصلت الطائرة الإغاثية الخامسة إلى مطار عدن الدولي.")]
    [InlineData("كما أصدرت قيادة القوات المشتركة بيانا عن هبوط الطائرة.", "أصدرت قيادة القوات المشتركة بيانا عن هبوط الطائرة.")]
    [InlineData("قال الوزير - في مؤتمر صحفي - إن المشروع يكتمل العام المقبل.", "قال الوزير - في مؤتمر صحفي - إن المشروع يكتمل العام المقبل.")]
    public void Datelines_agency_tags_and_detached_connectives_are_cut_and_the_rest_is_quoted_exactly(string sentence, string expected) =>
        Assert.Equal(expected, NewsText.Clean(sentence));

    [Theory]
    [InlineData("+ الخط -")]
    [InlineData("سمات الحوثي اليمن صنعاء مقاتلون")]
    [InlineData("اقرأ أيضا: تفاصيل الاتفاق الجديد بين البلدين")]
    [InlineData("وصل الوزير.")]
    public void Furniture_and_fragments_are_not_story_sentences(string sentence) =>
        Assert.False(NewsText.IsStorySentence(sentence));

    [Theory]
    [InlineData("وأضاف الوزير أن المشروع يكتمل العام المقبل.", true)]
    [InlineData("وفيما يلي نص البيان:", true)]
    [InlineData("وافق وزير التجارة على تأسيس ست عشرة شركة مساهمة.", false)]
    [InlineData("أعلنت وزارة الداخلية تنفيذ حكم القتل قصاصا في أحد الجناة.", false)]
    public void A_sentence_that_leans_on_another_is_dependent(string sentence, bool dependent) =>
        Assert.Equal(dependent, NewsText.IsDependent(sentence));

    [Theory]
    [InlineData(1, "(مصدر واحد)")]
    [InlineData(2, "(مصدران)")]
    [InlineData(3, "(3 مصادر)")]
    [InlineData(10, "(10 مصادر)")]
    [InlineData(11, "(11 مصدرًا)")]
    public void The_outlet_count_is_worded_as_Arabic_counts_nouns(int count, string expected) =>
        Assert.Equal(expected, DigestText.Outlets(count));

    [Theory]
    [InlineData("", 0, 1, null)]
    [InlineData("اليوم", 0, 1, null)]
    [InlineData("أمس", 1, 1, null)]
    [InlineData("الأسبوع", 0, 7, null)]
    [InlineData("2015-08-06", 0, 1, "2015-08-06")]
    [InlineData("٢٠١٥-٠٨-٠٦", 0, 1, "2015-08-06")]
    public void A_digest_period_is_read_relative_to_the_newest_day_or_as_a_date(string argument, int back, int days, string? date)
    {
        Assert.True(DigestPeriod.TryParse(argument, 10, out var request));

        Assert.Equal(back, request.DaysBeforeNewest);
        Assert.Equal(days, request.Days);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), request.From);
    }

    [Fact]
    public void Words_that_name_no_period_are_refused() => Assert.False(DigestPeriod.TryParse("الشهر الماضي كله", 10, out _));

    [Theory]
    [InlineData("ما تطورات قناة السويس الجديدة؟", "قناة السويس الجديدة", false)]
    [InlineData("لخّص ما تقوله المقالات عن الاتفاق النووي", "الاتفاق النووي", false)]
    [InlineData("ما آخر الأخبار عن الحوثيين؟", "الحوثيين", true)]
    [InlineData("ما الجديد في أسعار النفط", "أسعار النفط", true)]
    [InlineData("آخر أخبار سوق الأسهم", "سوق الأسهم", true)]
    public void Timeline_and_latest_news_requests_name_their_topic(string text, string topic, bool latest)
    {
        Assert.True(TopicRequest.TryParseQuery(text, out TopicQuery query));
        Assert.Equal(new TopicQuery(topic, latest), query);
    }

    [Theory]
    [InlineData("ما عاصمة مصر؟")]
    [InlineData("من التقى وزير الدفاع السوري؟")]
    public void An_ordinary_question_is_no_topic_request(string text) => Assert.False(TopicRequest.TryParseQuery(text, out TopicQuery _));
}
