using Bot.Core.Arabic;
using Bot.Core.Evaluation;

namespace Bot.Tests.Evaluation;

public sealed class QuestionPerturbationTests
{
    private static readonly string[] Questions =
    [
        "متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري عام 2020؟",
        "من التقى وزير الدفاع السوري في طهران؟",
        "كم عدوانا إسرائيليا شهد تشرين الثاني؟",
        "أين تقع مدينة الإسكندرية على ساحل البحر المتوسط؟",
        "ما هي الجائزة التي حصل عليها المهندس في مسابقة الطاقة الشمسية؟",
        "لماذا أغلقت إدارة المستشفى قسم الطوارئ مؤقتًا؟",
    ];

    [Fact]
    public void A_perturbed_question_normalises_to_the_original_words_apart_from_one_attached_clitic()
    {
        foreach (var question in Questions)
        {
            var original = SentenceSplitter.Words(ArabicNormalizer.Normalize(question));
            var perturbed = SentenceSplitter.Words(ArabicNormalizer.Normalize(QuestionPerturbation.Apply(question)));

            Assert.Equal(original.Count, perturbed.Count);
            var changed = original.Zip(perturbed).Where(pair => pair.First != pair.Second).ToList();
            Assert.True(changed.Count <= 1, $"«{question}» changed {changed.Count} words");
            Assert.All(changed, pair => Assert.Contains(pair.Second, new[] { "و" + pair.First, "ال" + pair.First, "ب" + pair.First }));
        }
    }

    [Fact]
    public void Perturbation_is_the_same_on_every_run_and_changes_how_questions_are_written()
    {
        var first = Questions.Select(QuestionPerturbation.Apply).ToList();
        var second = Questions.Select(QuestionPerturbation.Apply).ToList();

        Assert.Equal(first, second);
        Assert.True(first.Zip(Questions).Count(pair => pair.First != pair.Second) >= Questions.Length / 2);
    }
}
