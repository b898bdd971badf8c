using System.Text.Json.Nodes;
using Bot.Cli;
using Bot.Cli.Commands;
using Bot.Tests.Telegram;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Cli;

/// <summary>
/// The console <c>chat</c> and the Telegram bot are two front-ends of one conversation flow: the same messages get the
/// same answers, follow-ups, resets and summaries, with one bot host serving both.
/// </summary>
public sealed class ChatParityTests : IAsyncLifetime
{
    private const long Sara = 3001;
    private const string Agreement = "ماذا تتضمن الاتفاقية العسكرية بين إيران وسوريا؟";
    private const string FollowUp = "ومتى حدث ذلك؟"; // alone, nothing answers it
    private readonly FakeBotApi _api = new();
    private PipelineHost _bot = null!;

    public async Task InitializeAsync() => _bot = await BotRunner.StartAsync(_api);

    /// <summary>Sends each message to the bot in turn, waiting for its reply, and returns the replies' visible texts.</summary>
    private async Task<List<string>> TelegramAsync(params string[] messages)
    {
        foreach (var message in messages)
        {
            var before = _api.Sent(Sara).Count;
            _api.Text(Sara, Sara, message);
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count > before);
        }
        return _api.Sent(Sara).Select(Visible).ToList();
    }

    private static string Visible(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    /// <summary>The console chat on the same host, fed these lines; its output without the right-to-left marks.</summary>
    private async Task<string> ConsoleAsync(params string[] lines)
    {
        var output = new StringWriter();
        var exit = await ChatCommand.RunAsync(
            new CliContext(_bot.Services, output, new StringWriter(), Json: false), new StringReader(string.Join('\n', lines) + "\n"), CancellationToken.None);
        Assert.Equal(CliRunner.Success, exit);
        return output.ToString().Replace("\u200F", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_is_answered_from_the_conversation_the_same_way_in_the_console_and_in_Telegram()
    {
        var telegram = await TelegramAsync(Agreement, FollowUp);
        var console = await ConsoleAsync(Agreement, FollowUp);

        Assert.Contains("2020", telegram[1]);
        Assert.Contains(telegram[0], console);
        Assert.Contains(telegram[1], console);
    }

    [Fact]
    public async Task Reset_forgets_the_conversation_in_both_front_ends_so_the_follow_up_loses_its_context()
    {
        var telegram = await TelegramAsync(Agreement, "/reset", FollowUp);
        var console = await ConsoleAsync(Agreement, "/reset", FollowUp);

        Assert.Equal("بدأنا محادثة جديدة. اسألني ما تشاء.", telegram[1]);
        Assert.Contains(telegram[1], console);
        Assert.StartsWith("لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال.", telegram[2], StringComparison.Ordinal);
        Assert.DoesNotContain("2020", telegram[2]);
        Assert.Contains(telegram[2], console);
        Assert.DoesNotContain("2020", console[console.IndexOf(telegram[1], StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task A_topic_request_gets_the_same_summary_in_both_front_ends()
    {
        var telegram = await TelegramAsync("لخّص ما تقوله المقالات عن الصواريخ");
        var console = await ConsoleAsync("لخّص ما تقوله المقالات عن الصواريخ");

        var sentences = telegram[0].Split('\n').Where(l => l.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sentences);
        Assert.Contains(sentences, s => s.Contains("خرداد", StringComparison.Ordinal));
        Assert.All(sentences, s => Assert.Contains(s, console));
    }

    [Fact]
    public async Task An_article_summary_and_an_unknown_command_read_the_same_in_both_front_ends()
    {
        var telegram = await TelegramAsync("/summary 2", "/summary مقالة لا وجود لها إطلاقا", "/weather");
        var console = await ConsoleAsync("/summary 2", "/summary مقالة لا وجود لها إطلاقا", "/weather");

        Assert.Contains("التقى وزير الدفاع العماد علي محمود عباس", telegram[0]);
        var sentences = telegram[0].Split('\n').Where(l => l.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.All(sentences, s => Assert.Contains(s, console));
        Assert.Equal("لم أجد مقالة بهذا الرقم أو العنوان. اكتب /articles لعرض القائمة.", telegram[1]);
        Assert.Contains(telegram[1], console);
        Assert.Equal("أمر غير معروف. اكتب /help لعرض الأوامر.", telegram[2]);
        Assert.Contains(telegram[2], console);
    }

    public async Task DisposeAsync()
    {
        await BotRunner.StopAsync(_bot);
        await _api.DisposeAsync();
    }
}
