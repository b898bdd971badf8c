using Bot.Core.Search;

namespace Bot.Tests.Search;

/// <summary>What the rerank reads in a passage's text: coverage, its densest window, near spellings, exact forms.</summary>
public sealed class PassageFeaturesTests
{
    private static RerankQuery Query(string question)
    {
        var analyzed = AnalyzedText.Of(question);
        return new RerankQuery(analyzed.Stems, analyzed.ExactTerms(), _ => 1.0);
    }

    [Fact]
    public void Question_words_in_one_sentence_fill_the_window_while_the_same_words_scattered_do_not()
    {
        var query = Query("افتتحت وزارة الصحة مستشفى الولادة في تبوك");
        const string dense = "وفي عام 2015 افتتحت وزارة الصحة في تبوك مستشفى الولادة الجديد. وتفقد الأمير المشاريع الزراعية ومزارع النخيل.";
        const string scattered = "أعلنت وزارة الصحة خطة جديدة لتدريب الممرضين في المدن الكبرى والقرى البعيدة. وتحدث المسؤولون عن الطرق والمدارس في تبوك " +
                                 "والمناطق المجاورة لها. ويعمل مستشفى الملك فهد على توسعة قسم الطوارئ. كما افتتحت شركة خاصة مصنعا للأدوية قرب العاصمة " +
                                 "وارتفعت نسبة الولادة الطبيعية.";

        var denseFeatures = PassageFeatures.Of(query, dense);
        var scatteredFeatures = PassageFeatures.Of(query, scattered);

        Assert.Equal(1.0, denseFeatures.Coverage, 3);
        Assert.Equal(1.0, scatteredFeatures.Coverage, 3);
        Assert.Equal(1.0, denseFeatures.Window, 3);
        Assert.InRange(scatteredFeatures.Window, 0, 0.5);
    }

    [Theory]
    [InlineData("ما الذي يحيط بالبلاستيدات الخضراء", "تحيط")]
    [InlineData("من يهيمن على سباقات الجري", "هيمنت")]
    public void A_verb_the_light_stemmer_leaves_apart_matches_the_question_word_partially(string question, string passageWord)
    {
        var query = Query(question);

        var (term, similarity) = query.Match(AnalyzedText.Of(passageWord).Stems[0]);

        Assert.True(term >= 0);
        Assert.InRange(similarity, RerankQuery.MinSimilarity, 0.99);
    }

    [Theory]
    [InlineData("الخضراء")]
    [InlineData("سيارة")]
    public void A_different_word_matches_nothing(string passageWord)
    {
        var query = Query("ما الذي يحيط بالبلاستيدات");

        Assert.Equal(-1, query.Match(AnalyzedText.Of(passageWord).Stems[0]).Term);
    }

    [Fact]
    public void An_attached_preposition_form_is_a_full_match()
    {
        var query = Query("كلفة المشروع");

        Assert.Equal((0, 1.0), query.Match(AnalyzedText.Of("بكلفة").Stems[0]));
    }

    [Fact]
    public void Exact_forms_count_only_when_the_passage_writes_the_word_as_the_question_does()
    {
        var query = Query("المدارس الجديدة");

        var same = PassageFeatures.Of(query, "افتتحت المدارس الجديدة أبوابها.");
        var otherForm = PassageFeatures.Of(query, "افتتحت مدارس جديدة أبوابها.");

        Assert.Equal(1.0, same.Exact, 3);
        Assert.Equal(0.0, otherForm.Exact, 3);
        Assert.Equal(same.Coverage, otherForm.Coverage, 3);
    }
}
