using Bot.Core.Conversations;

namespace Bot.Tests.Answering;

public sealed class ChatIntentTests
{
    [Theory]
    [InlineData("/start", "Help")]
    [InlineData("/help", "Help")]
    [InlineData("/articles", "Articles")]
    [InlineData("/summary", "Articles")]
    [InlineData("/summary 2", "ArticleSummary")]
    [InlineData("/summary@arabic_qa_bot وزير الدفاع", "ArticleSummary")]
    [InlineData("/reset", "Reset")]
    [InlineData("/search خرداد", "Command")]
    [InlineData("لخّص ما تقوله المقالات عن الصواريخ", "TopicSummary")]
    [InlineData("ملخص عن الاتفاقية العسكرية؟", "TopicSummary")]
    [InlineData("من التقى وزير الدفاع السوري في طهران؟", "Ask")]
    [InlineData("ومتى وقعت؟", "Ask")]
    public void Every_front_end_reads_a_message_as_the_same_intent(string message, string intent) =>
        Assert.Equal(intent, ChatIntent.Parse(message).GetType().Name);

    [Fact]
    public void The_intent_carries_the_article_the_topic_and_the_filter()
    {
        Assert.Equal(new ChatIntent.ArticleSummary("وزير الدفاع"), ChatIntent.Parse("/summary@arabic_qa_bot وزير الدفاع"));
        Assert.Equal(new ChatIntent.TopicSummary("الصواريخ"), ChatIntent.Parse("لخّص ما تقوله المقالات عن الصواريخ"));
        Assert.Equal(new ChatIntent.Articles("طهران"), ChatIntent.Parse("/articles طهران"));
        Assert.Equal(new ChatIntent.Command("/search", "خرداد"), ChatIntent.Parse("/search خرداد"));
    }
}
