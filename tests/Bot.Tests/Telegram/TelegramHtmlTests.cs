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
    public void A_wire_story_source_says_how_many_other_outlets_published_it_and_its_button_keeps_the_date_and_count()
    {
        var citation = new Core.Answering.Citation(1, "okaz-1", "وزارة الصحة تعلن تسجيل حالات جديدة من فيروس كورونا في مدينة الرياض وجدة والدمام",
            new DateOnly(2015, 8, 10), "okaz-1#0", "أعلنت وزارة الصحة اليوم تسجيل حالات جديدة.") { AlsoPublished = 3 };

        var source = TelegramHtmlRules.VisibleText(TelegramHtml.Source(citation), out var error);
        var button = TelegramHtml.SourceButton(citation);

        Assert.Null(error);
        Assert.Contains("ونشرته أيضًا 3 مصادر", source);
        Assert.Contains("«أعلنت وزارة الصحة اليوم تسجيل حالات جديدة.»", source);
        Assert.EndsWith("(+3)", button);
        Assert.Contains("2015", button);
        Assert.True(button.Length <= 64, button);
    }

    [Fact]
    public void A_single_source_shows_no_count_of_other_outlets()
    {
        var citation = new Core.Answering.Citation(1, "sana-1", "زيارة وزير الدفاع", new DateOnly(2024, 5, 1), "sana-1#0", "التقى الوزير نظيره.");

        Assert.DoesNotContain("ونشر", TelegramHtml.Source(citation));
        Assert.DoesNotContain("(+", TelegramHtml.SourceButton(citation));
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
