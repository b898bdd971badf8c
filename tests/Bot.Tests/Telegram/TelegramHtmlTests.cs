using Bot.Telegram.Formatting;

namespace Bot.Tests.Telegram;

public sealed class TelegramHtmlTests
{
    [Theory]
    [InlineData("<b>عنوان", "end tag")]
    [InlineData("<script>x</script>", "unsupported start tag")]
    [InlineData("أ & ب", "entity")]
    [InlineData("<b><i>نص</b></i>", "unexpected end tag")]
    public void The_fake_refuses_HTML_that_Telegram_refuses(string html, string reason)
    {
        TelegramHtmlRules.VisibleText(html, out var error);

        Assert.Contains(reason, error);
    }

    [Fact]
    public void User_and_article_text_is_escaped_so_Telegram_accepts_it()
    {
        var html = TelegramHtml.Bold("<b>سؤال</b> & «جواب»");

        Assert.Equal("<b>&lt;b&gt;سؤال&lt;/b&gt; &amp; «جواب»</b>", html);
        Assert.Equal("<b>سؤال</b> & «جواب»", TelegramHtmlRules.VisibleText(html, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_long_body_splits_between_sentences_into_parts_Telegram_accepts()
    {
        var body = string.Join(" ", Enumerable.Range(1, 300).Select(i => $"الجملة {i} عن التعاون & الحوار."));

        var parts = TelegramHtml.Split("<b>عنوان</b>\n", body);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p =>
        {
            var visible = TelegramHtmlRules.VisibleText(p, out var error);
            Assert.Null(error);
            Assert.InRange(visible.Length, 1, TelegramHtml.MaxMessageLength);
            Assert.EndsWith(".", visible);
        });
    }
}
