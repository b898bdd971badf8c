using System.Text.Json;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Answering;

/// <summary>
/// The light stemmer keeps «يتفق» and «اتفق» apart; a question in the present tense about a fact reported in the past
/// must not look like a question about a word the archive has never seen.
/// </summary>
public sealed class VerbFormTests : IDisposable
{
    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public VerbFormTests()
    {
        var articles = new object[]
        {
            new { id = "a1", title = "محادثات وزيري الطاقة", date = "2015-08-02",
                  text = "اتفق وزيرا الطاقة في الرياض على زيادة صادرات الغاز إلى الأسواق الآسيوية. وعقد الاجتماع في مقر الوزارة بحضور الوفدين." },
            new { id = "a2", title = "معرض الكتاب", date = "2015-08-03",
                  text = "افتتح معرض الكتاب في جدة أبوابه للزوار بمشاركة مئات دور النشر العربية." },
            // Other meetings of the same ministers: their words are common, so the verb decides.
            new { id = "a3", title = "لقاء في الدوحة", date = "2015-08-04", text = "التقى وزيرا الطاقة في الدوحة لبحث أسعار النفط." },
            new { id = "a4", title = "زيارة إلى مسقط", date = "2015-08-05", text = "زار وزيرا الطاقة مسقط في جولة خليجية قصيرة." },
            new { id = "a5", title = "مؤتمر في دبي", date = "2015-08-06", text = "شارك وزيرا الطاقة في مؤتمر دبي السنوي للطاقة المتجددة." },
        };
        File.WriteAllLines(_corpus.Combine("news.jsonl"), articles.Select(a => JsonSerializer.Serialize(a)));
        _engine = new PipelineHost(corpus: _corpus.Path);
    }

    [Fact]
    public async Task A_verb_form_the_archive_lacks_is_read_as_the_form_it_has()
    {
        var spelled = await _engine.Get<TermStatistics>().AsArchiveSpellsAsync(ArabicSearchAnalyzer.Instance.Terms("يتفق سيفتتح"), CancellationToken.None);

        Assert.Equal(ArabicSearchAnalyzer.Instance.Terms("اتفق افتتح"), spelled);
    }

    [Fact]
    public async Task A_question_in_another_tense_is_answered_from_the_sentence_that_reports_it()
    {
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("على ماذا يتفق وزيرا الطاقة؟"), CancellationToken.None);

        Assert.True(answer.Found, answer.Text);
        Assert.Contains("صادرات الغاز", answer.Text);
        Assert.Contains("[1]", answer.Text);
    }

    [Theory]
    [InlineData("بماذا")]
    [InlineData("ولماذا")]
    [InlineData("لمن")]
    public void A_question_word_with_a_clitic_carries_no_topic(string word) =>
        Assert.Empty(ArabicSearchAnalyzer.Instance.Terms(word));

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
