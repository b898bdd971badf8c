using Bot.Core.Answering;

namespace Bot.Tests.Answering;

public sealed class QuestionCueTests
{
    [Theory]
    [InlineData("في أي عام ولد الرئيس الكاميروني بول بيا؟", "Year")]
    [InlineData("وفي أيّ سنة تأسست الشركة؟", "Year")]
    [InlineData("متى وقعت إيران وسوريا اتفاقية لتعزيز التعاون العسكري؟", "Time")]
    [InlineData("كم عدد الاعتداءات الإسرائيلية على سوريا؟", "Number")]
    [InlineData("من التقى وزير الدفاع السوري في طهران؟", "Person")]
    public void The_question_word_names_the_kind_of_answer(string question, string kind) =>
        Assert.Equal(kind, QuestionCue.Classify(question).ToString());

    [Theory]
    [InlineData("ولد بول بيا عام 1933 في الكاميرون.", true)]
    [InlineData("وأعلن مكتب رئيس الكاميرون بول بيا، أن 11 شخصا قتلوا و32 أصيبوا بجروح.", false)]
    [InlineData("وقال الرئيس اليوم إن الاجتماع سيعقد قريبا.", false)]
    public void A_year_question_is_answered_only_by_a_year(string sentence, bool satisfies) =>
        Assert.Equal(satisfies, QuestionCue.Satisfies(QuestionKind.Year, sentence));
}
