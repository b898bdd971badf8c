using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Answering;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Tests.Telegram;

public sealed class TelegramConversationTests : IAsyncLifetime
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _corpus = new();
    private PipelineHost _bot = null!;

    public async Task InitializeAsync()
    {
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _corpus.Combine(Path.GetFileName(seed)));
        }
        _bot = await BotRunner.StartAsync(_api, corpus: _corpus.Path);
    }

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    private static IEnumerable<(string Text, string Data)> Buttons(JsonObject call) =>
        call["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(r => r!.AsArray())
            .Select(b => (b!["text"]!.ToString(), b["callback_data"]!.ToString())) ?? [];

    [Fact]
    public async Task On_start_the_bot_drops_the_webhook_reads_itself_and_registers_an_Arabic_menu()
    {
        await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "setMyCommands"));

        var methods = _api.Calls.Select(c => c.Method).ToList();
        Assert.True(methods.IndexOf("deleteWebhook") < methods.IndexOf("getMe"));
        var commands = _api.Calls.First(c => c.Method == "setMyCommands").Parameters["commands"]!.AsArray();
        Assert.Contains(commands, c => c!["command"]!.ToString() == "summary" && c["description"]!.ToString().Contains("ملخص"));
    }

    [Fact]
    public async Task Start_welcomes_in_Arabic_with_example_questions_from_the_articles()
    {
        _api.Text(Sara, Sara, "/start");

        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        var welcome = Text(_api.Sent(Sara)[0]);
        Assert.Contains("مرحبًا", welcome);
        Assert.Contains("وزير دفاع النظام السوري يزور طهران", welcome);

        // The examples really work: asking the first one gets an answer, not "not found".
        var example = welcome.Split('\n').First(l => l.StartsWith("• ماذا تقول", StringComparison.Ordinal))[2..];
        _api.Text(Sara, Sara, example);
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
        Assert.Contains("[1]", Text(_api.Sent(Sara)[1]));
    }

    [Fact]
    public async Task A_seed_question_is_answered_with_citations_and_a_button_per_cited_source_that_shows_it()
    {
        _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");

        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        var answer = _api.Sent(Sara)[0];
        Assert.Equal("html", answer["parse_mode"]!.ToString().ToLowerInvariant());
        Assert.Contains("باقري", Text(answer));
        Assert.Contains("[1]", Text(answer));
        var sources = Buttons(answer).Where(b => b.Text.StartsWith("📄", StringComparison.Ordinal)).ToList();
        Assert.Contains(sources, b => b.Text.StartsWith("📄 [1]", StringComparison.Ordinal));
        // Exactly one button per source the text cites, no more.
        var cited = System.Text.RegularExpressions.Regex.Matches(Text(answer), @"\[(\d+)\]").Select(m => m.Value).Distinct().Count();
        Assert.Equal(cited, sources.Count);
        Assert.Contains(Buttons(answer), b => b.Text == "👍");
        Assert.Contains(_api.Calls, c => c.Method == "sendChatAction");

        var messageId = answer["__message_id"]!.GetValue<int>();
        _api.Press(Sara, Sara, messageId, sources[0].Data);

        await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery") && _api.Sent(Sara).Count >= 2);
        var source = Text(_api.Sent(Sara)[1]);
        Assert.Contains("«", source);
        var buttonTitle = sources[0].Text.Replace("📄 [1] ", "").Split(" — ")[0].TrimEnd('…');
        Assert.Contains(buttonTitle[..20], source);
        Assert.Contains("باقري", source);
    }

    [Fact]
    public async Task Feedback_buttons_store_the_vote_with_the_question_and_answer()
    {
        _api.Text(Sara, Sara, "كم عدوانا إسرائيليا شهد تشرين الثاني؟");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        var answer = _api.Sent(Sara)[0];

        _api.Press(Sara, Sara, answer["__message_id"]!.GetValue<int>(), Buttons(answer).Single(b => b.Text == "👎").Data);

        await _api.WaitUntilAsync(calls => calls.Any(c => c.Method == "answerCallbackQuery"));
        var votes = await ((Bot.Core.State.SqliteFeedbackStore)_bot.Get<Bot.Core.Conversations.IFeedbackStore>()).ListAsync(CancellationToken.None);
        var vote = Assert.Single(votes);
        Assert.Equal("كم عدوانا إسرائيليا شهد تشرين الثاني؟", vote.Question);
        Assert.False(vote.Helpful);
        Assert.Equal($"telegram:{Sara}:{Sara}", vote.Conversation);
    }

    [Fact]
    public async Task Summary_by_number_and_by_replying_to_an_article_message()
    {
        _api.Text(Sara, Sara, "/summary 2");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        var byNumber = _api.Sent(Sara)[0];
        Assert.Contains("التقى وزير الدفاع العماد علي محمود عباس", Text(byNumber));
        Assert.Contains("ملخص مقتطف", Text(byNumber));

        _api.Text(Sara, Sara, "/summary", replyTo: byNumber["__message_id"]!.GetValue<int>());
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
        Assert.Contains("التقى وزير الدفاع العماد علي محمود عباس", Text(_api.Sent(Sara)[1]));

        _api.Text(Sara, Sara, "/summary 1");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3);
        Assert.Contains("ملخص الناشر", Text(_api.Sent(Sara)[2]));
    }

    [Fact]
    public async Task In_a_group_the_bot_answers_only_commands_mentions_and_replies_to_itself()
    {
        const long group = -100777;
        _api.Text(group, Sara, "من التقى وزير الدفاع السوري في طهران؟", "supergroup");
        _api.Text(group, Sara, "/articles@some_other_bot", "supergroup");
        _api.Text(group, Sara, "/weather", "supergroup"); // another bot's command: no «unknown command» noise
        _api.Text(group, Sara, $"@{FakeBotApi.BotUsername} من التقى وزير الدفاع السوري في طهران؟", "supergroup");
        await _api.WaitUntilAsync(_ => _api.Sent(group).Count >= 1);
        _api.Text(group, Sara, "وأين التقى نظيره الإيراني؟", "supergroup", replyTo: _api.Sent(group)[0]["__message_id"]!.GetValue<int>());
        _api.Text(group, Sara, "/articles@" + FakeBotApi.BotUsername, "supergroup");

        await _api.WaitUntilAsync(_ => _api.Sent(group).Count >= 3);
        await BotRunner.WaitUntilIdleAsync(_bot, _api);
        var sent = _api.Sent(group);
        Assert.Equal(3, sent.Count);
        Assert.Contains("باقري", Text(sent[0]));
        Assert.Contains("المقالات", Text(sent[2]));
    }

    [Fact]
    public async Task An_anonymous_group_admin_who_mentions_the_bot_is_answered()
    {
        const long group = -100888;
        _api.AnonymousAdminText(group, $"@{FakeBotApi.BotUsername} ما الصواريخ التي ستكون بحوزة الجيش السوري؟");

        await _api.WaitUntilAsync(_ => _api.Sent(group).Count >= 1);
        Assert.Contains("خرداد", Text(_api.Sent(group)[0]));
    }

    [Fact]
    public async Task A_question_with_html_characters_is_escaped_and_accepted_by_Telegram()
    {
        _api.Text(Sara, Sara, "<b>من التقى</b> وزير الدفاع السوري في طهران؟ & <i>");

        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        Assert.Empty(_api.Rejections);
        Assert.Contains("باقري", Text(_api.Sent(Sara)[0]));
    }

    [Fact]
    public async Task A_sticker_gets_a_polite_Arabic_reply()
    {
        _api.Sticker(Sara, Sara);

        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        Assert.Contains("الرسائل النصية", Text(_api.Sent(Sara)[0]));
    }

    [Fact]
    public async Task An_admin_document_becomes_an_article_and_a_non_admin_one_changes_nothing()
    {
        var article = Encoding.UTF8.GetBytes("افتتاح سد جديد في الموصل\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل بكلفة 300 مليون دولار.");
        _api.Document(Sara, Sara, "dam.txt", article);
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        Assert.Contains("للمشرفين", Text(_api.Sent(Sara)[0]));
        Assert.False(File.Exists(_corpus.Combine("dam.json")));

        _api.Document(BotRunner.Admin, BotRunner.Admin, "dam.txt", article);
        await _api.WaitUntilAsync(_ => _api.Sent(BotRunner.Admin).Count >= 1, seconds: 30);
        var reply = Text(_api.Sent(BotRunner.Admin)[0]);
        Assert.Contains("افتتاح سد جديد في الموصل", reply);
        Assert.Contains("3", reply);
        Assert.True(File.Exists(_corpus.Combine("dam.json")));
    }

    [Fact]
    public async Task Two_chats_are_answered_at_once()
    {
        _api.Text(2001, 2001, "من التقى وزير الدفاع السوري في طهران؟");
        _api.Text(2002, 2002, "ما الصواريخ التي ستكون بحوزة الجيش السوري؟");

        await _api.WaitUntilAsync(_ => _api.Sent(2001).Count >= 1 && _api.Sent(2002).Count >= 1);
        Assert.Contains("باقري", Text(_api.Sent(2001)[0]));
        Assert.Contains("خرداد", Text(_api.Sent(2002)[0]));
    }

    public async Task DisposeAsync()
    {
        await BotRunner.StopAsync(_bot);
        await _api.DisposeAsync();
        _corpus.Dispose();
    }
}
