using System.Text.Json;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Search;

public sealed class NewsAwarenessTests : IDisposable
{
    private const string WireStory =
        "أعلنت وزارة الصحة السعودية اليوم تسجيل حالات جديدة من فيروس كورونا في مدينة الرياض، وقالت الوزارة إن المرضى يتلقون العلاج في المستشفيات. " +
        "وأضافت الوزارة أن فرق الرقابة الصحية تتابع المخالطين للمصابين، ودعت المواطنين إلى الالتزام بالإرشادات الوقائية وغسل اليدين باستمرار.";

    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public NewsAwarenessTests()
    {
        var articles = new object[]
        {
            new { id = "alriyadh-1", title = "الصحة: حالات كورونا جديدة في الرياض", date = "2015-08-10", source = "alriyadh", text = WireStory },
            new { id = "okaz-1", title = "حالات كورونا جديدة في الرياض", date = "2015-08-10", source = "okaz", text = WireStory + " وكانت الوزارة قد أعلنت حالات مماثلة الأسبوع الماضي." },
            new { id = "alyaum-1", title = "وزارة الصحة تعلن حالات كورونا", date = "2015-08-11", source = "alyaum", text = "وكالات - " + WireStory },
            new { id = "aawsat-1", title = "كورونا في جدة", date = "2015-07-02", source = "aawsat",
                  text = "سجلت مدينة جدة حالات إصابة بفيروس كورونا، وأغلقت إدارة المستشفى قسم الطوارئ مؤقتًا للتعقيم." },
            new { id = "okaz-2", title = "سباق الرئاسة الأمريكية", date = "2015-08-05", source = "okaz",
                  text = "يشارك عدد قياسي من المرشحين في الانتخابات الرئاسية الأمريكية لعام 2016، ويتصدر المرشح الجمهوري استطلاعات الرأي في ولاية أيوا." },
            new { id = "sabq-1", title = "كورونا في الدمام", date = "2015-08-30", source = "sabq",
                  text = "أعلنت مديرية الصحة في الدمام تسجيل حالتي إصابة بفيروس كورونا في نهاية أغسطس، ونقل المصابان إلى مستشفى الملك فهد." },
        };
        File.WriteAllLines(_corpus.Combine("news.jsonl"), articles.Select(a => JsonSerializer.Serialize(a)));
        _engine = new PipelineHost(corpus: _corpus.Path);
    }

    [Fact]
    public async Task The_same_wire_story_from_three_outlets_takes_one_place_with_the_others_counted()
    {
        var results = await _engine.Get<IPassageSearch>().SearchAsync("حالات كورونا جديدة في الرياض", 5, CancellationToken.None);

        var wire = results.Where(r => r.Passage.ArticleId is "alriyadh-1" or "okaz-1" or "alyaum-1").ToList();
        Assert.Equal(2, Assert.Single(wire).AlsoPublishedIn.Count);
        Assert.Equal(results.Select(r => r.Passage.ArticleId).Distinct().Count(), results.Count);
    }

    [Fact]
    public async Task An_answer_from_a_wire_story_says_how_many_other_outlets_published_it()
    {
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("أين سجلت وزارة الصحة حالات كورونا جديدة؟"), CancellationToken.None);

        Assert.True(answer.Found);
        Assert.Contains(answer.Citations, c => c.AlsoPublished == 2 && c.Date == new DateOnly(2015, 8, 10) | c.Date == new DateOnly(2015, 8, 11));
        Assert.Equal("ونشره أيضًا مصدران آخران", ArabicMessages.AlsoPublished(2));
    }

    [Fact]
    public async Task A_question_for_the_latest_news_puts_the_newest_article_first()
    {
        var results = await _engine.Get<IPassageSearch>().SearchAsync("ما آخر أخبار إصابات كورونا في المستشفى؟", 3, CancellationToken.None);

        Assert.Equal("sabq-1", results[0].Passage.ArticleId);
    }

    [Fact]
    public async Task A_question_naming_a_month_prefers_articles_of_that_month()
    {
        var search = _engine.Get<IPassageSearch>();
        const string question = "إصابة كورونا ونقل المصابين إلى المستشفى";

        var plain = await search.SearchAsync(question, 5, CancellationToken.None);
        var inJuly = await search.SearchAsync(question + " في تموز", 5, CancellationToken.None);

        static int RankOf(IReadOnlyList<RankedPassage> results) => results.First(r => r.Passage.ArticleId == "aawsat-1").Rank;
        Assert.True(RankOf(inJuly) < RankOf(plain), $"July article at {RankOf(inJuly)} with the month, {RankOf(plain)} without");
    }

    [Fact]
    public async Task A_question_about_a_year_outside_the_archive_is_told_which_dates_it_covers()
    {
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("كم عدد إصابات كورونا في الرياض عام 2020؟"), CancellationToken.None);

        Assert.False(answer.Found);
        Assert.Contains("تغطي المقالات المتوفرة الفترة من 2 يوليو 2015 إلى 30 أغسطس 2015", answer.Text);
    }

    [Fact]
    public async Task A_question_about_events_after_the_newest_article_is_not_answered_from_articles_that_only_announce_them()
    {
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("من فاز في الانتخابات الرئاسية الأمريكية عام 2016؟"), CancellationToken.None);

        Assert.False(answer.Found);
        Assert.Contains("تغطي المقالات المتوفرة الفترة من 2 يوليو 2015 إلى 30 أغسطس 2015", answer.Text);
        Assert.Contains("سباق الرئاسة الأمريكية", answer.Text);
    }

    [Theory]
    [InlineData("ما آخر أخبار كورونا؟", true, null, null)]
    [InlineData("ماذا حدث أمس في الرياض؟", true, null, null)]
    [InlineData("ماذا حدث في أغسطس 2015؟", false, "2015-08-01", "2015-08-31")]
    [InlineData("ماذا حدث في تموز؟", false, "2015-07-01", "2015-07-31")]
    [InlineData("من فاز بجائزة الأوسكار عام 2016؟", false, "2016-01-01", "2016-12-31")]
    [InlineData("من التقى وزير الدفاع؟", false, null, null)]
    public void Time_words_of_a_question_are_read(string question, bool recent, string? from, string? to)
    {
        var cue = TimeCueParser.Parse(question, defaultYear: 2015);

        Assert.Equal(recent, cue.Recent);
        Assert.Equal(from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), cue.From);
        Assert.Equal(to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), cue.To);
    }

    [Fact]
    public void Copies_of_a_story_with_a_prefix_or_an_extra_sentence_are_one_story_and_other_stories_are_not()
    {
        static byte[] Signature(string text) => StorySignature.Of(AnalyzedText.Of(text).Stems);
        var original = Signature(WireStory);

        Assert.True(StorySignature.Similarity(original, Signature("واس - " + WireStory + " وهذا خبر إضافي قصير.")) >= StorySignature.SameStory);
        Assert.True(StorySignature.Similarity(original, Signature(
            "أعلنت وزارة التعليم اليوم مواعيد بدء العام الدراسي الجديد في مدارس المملكة، ودعت أولياء الأمور إلى تسجيل أبنائهم مبكرًا.")) < StorySignature.SameStory);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
