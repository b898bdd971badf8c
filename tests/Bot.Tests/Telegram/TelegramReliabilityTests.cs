using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Answering;
using Bot.Core.Summaries;
using Bot.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Telegram;

public sealed class TelegramReliabilityTests : IAsyncDisposable
{
    private const long Sara = 1001;
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _state = new();

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    [Fact]
    public async Task An_answer_over_4096_characters_is_split_into_well_formed_parts()
    {
        var bot = await BotRunner.StartAsync(_api, replace: services => services.Replace(ServiceDescriptor.Singleton<IAnswerer, LongAnswerer>()));
        try
        {
            _api.Text(Sara, Sara, "سؤال طويل الجواب");

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            var parts = _api.Sent(Sara);
            Assert.InRange(parts.Count, 2, 3);
            Assert.Empty(_api.Rejections);
            Assert.All(parts, p => Assert.InRange(Text(p).Length, 1, 4096));
            Assert.Equal(LongAnswerer.Body.Replace(" ", ""), string.Concat(parts.Select(p => Text(p).Replace("\n", "").Replace(" ", ""))));
            Assert.All(parts, p => Assert.EndsWith(".", Text(p).TrimEnd()));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_long_streamed_answer_turns_its_progress_message_into_the_first_part_and_leaves_no_hourglass()
    {
        var bot = await BotRunner.StartAsync(_api, replace: services => services.Replace(ServiceDescriptor.Singleton<IAnswerer, SlowLongAnswerer>()));
        try
        {
            _api.Text(Sara, Sara, "سؤال طويل الجواب");

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2 && _api.Calls.Any(c => c.Parameters["reply_markup"] is not null), seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            var progressId = _api.Sent(Sara)[0]["__message_id"]!.GetValue<int>();
            var lastEditOfProgress = _api.Calls.Last(c => c.Method == "editMessageText" && c.Parameters["message_id"]?.GetValue<int>() == progressId).Parameters;
            var parts = new[] { lastEditOfProgress }.Concat(_api.Sent(Sara).Skip(1)).ToList();

            Assert.Empty(_api.Rejections);
            Assert.DoesNotContain("⏳", Text(lastEditOfProgress));
            Assert.Equal(LongAnswerer.Body.Replace(" ", ""), string.Concat(parts.Select(p => Text(p).Replace("\n", "").Replace(" ", ""))));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_failing_update_gets_an_Arabic_apology_a_failing_button_is_answered_at_once_then_apologised_for_and_the_bot_keeps_going()
    {
        var bot = await BotRunner.StartAsync(_api, replace: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IAnswerer, BrokenAnswerer>());
            services.Replace(ServiceDescriptor.Singleton<ISummarizer, BrokenSummarizer>());
        });
        try
        {
            _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");
            _api.Text(Sara, Sara, "/articles");
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2, seconds: 30);
            Assert.Contains("حدث خطأ", Text(_api.Sent(Sara)[0]));
            var list = _api.Sent(Sara)[1];
            var summaryButton = list["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString();

            _api.Press(Sara, Sara, list["__message_id"]!.GetValue<int>(), summaryButton);

            // The press is answered at once («⏳»); the summary then fails, so the apology comes as a message.
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3, seconds: 30);
            var notice = _api.Calls.Single(c => c.Method == "answerCallbackQuery").Parameters["text"]?.ToString();
            Assert.Contains("⏳", notice);
            Assert.Contains("حدث خطأ", Text(_api.Sent(Sara)[2]));
            Assert.Empty(_api.Rejections);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_the_answer_arrives_once()
    {
        _api.FailNext("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
        var bot = await BotRunner.StartAsync(_api);
        try
        {
            _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            Assert.Equal(2, _api.Sent(Sara).Count); // the refused attempt and the retry
            Assert.Contains("باقري", Text(_api.Sent(Sara)[1]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task A_proxy_502_is_retried_and_the_answer_still_arrives()
    {
        _api.FailNext("sendMessage", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        var bot = await BotRunner.StartAsync(_api);
        try
        {
            _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 2);
            Assert.Contains("باقري", Text(_api.Sent(Sara)[^1]));
            Assert.Contains(bot.Logs.Entries, e => e.Message.Contains("retrying"));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task An_offset_saved_days_ago_does_not_hide_new_updates_after_telegram_restarts_its_ids()
    {
        // After a week without updates Telegram may start update ids again at a lower value.
        var index = _state.Combine("index");
        var state = new Bot.Core.State.EmbeddedStateStore(Path.Combine(index, "state.db"));
        await new Bot.Telegram.State.SqliteUpdateInbox(state, TimeProvider.System)
            .SaveOffsetAsync(900000000, DateTimeOffset.UtcNow.AddDays(-9), CancellationToken.None);
        var bot = await BotRunner.StartAsync(_api, indexPath: index);
        try
        {
            _api.Text(Sara, Sara, "ما الصواريخ التي ستكون بحوزة الجيش السوري؟");

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1, seconds: 30);
            Assert.Contains("خرداد", Text(_api.Sent(Sara)[0]));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task The_offset_file_of_the_previous_version_is_taken_over_so_an_upgrade_answers_nothing_twice()
    {
        var index = _state.Combine("index");
        Directory.CreateDirectory(index);
        var handledBefore = _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟"); // update 1000, handled by the old version
        await File.WriteAllTextAsync(Path.Combine(index, "telegram-offset.txt"), "1000");
        var fresh = _api.Text(Sara, Sara, "ما الصواريخ التي ستكون بحوزة الجيش السوري؟");
        var bot = await BotRunner.StartAsync(_api, indexPath: index);
        try
        {
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(bot, _api);

            var reply = Assert.Single(_api.Sent(Sara));
            Assert.Equal(fresh, reply["reply_parameters"]?["message_id"]?.GetValue<int>());
            Assert.NotEqual(handledBefore, fresh);
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task After_a_restart_pending_updates_are_answered_once_and_nothing_is_skipped()
    {
        var index = _state.Combine("index");
        var first = await BotRunner.StartAsync(_api, indexPath: index);
        var one = _api.Text(Sara, Sara, "من التقى وزير الدفاع السوري في طهران؟");
        await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
        await BotRunner.StopAsync(first);

        // While the bot is down, two more questions arrive.
        var two = _api.Text(Sara, Sara, "كم عدوانا إسرائيليا شهد تشرين الثاني؟");
        var three = _api.Text(Sara, Sara, "ما الصواريخ التي ستكون بحوزة الجيش السوري؟");
        var second = await BotRunner.StartAsync(_api, indexPath: index);
        try
        {
            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 3, seconds: 30);
            await BotRunner.WaitUntilIdleAsync(second, _api);

            var replies = _api.Sent(Sara).Select(m => m["reply_parameters"]?["message_id"]?.GetValue<int>()).ToList();
            Assert.Equal([one, two, three], replies);
            Assert.Contains("12", Text(_api.Sent(Sara)[1]));
            Assert.Contains("خرداد", Text(_api.Sent(Sara)[2]));
        }
        finally
        {
            await BotRunner.StopAsync(second);
        }
    }

    [Fact]
    public async Task A_rejected_token_stops_the_worker_with_exit_code_2()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = RepoPaths.Seeds,
            ["Index:Path"] = _state.Combine("index"),
            ["Telegram:BotToken"] = "999:wrong-token",
            ["Telegram:ApiBaseUrl"] = _api.BaseUrl,
        });
        Bot.Core.ArticleQaServiceCollectionExtensions.AddArticleQa(builder.Services, builder.Configuration);
        var error = new StringWriter();

        var exit = await Bot.Hosting.WorkerHost.RunAsync(builder, error, CancellationToken.None);

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task A_missing_token_names_the_key_and_the_environment_variable_and_exits_with_2()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var error = new StringWriter();

        var exit = await Bot.Hosting.WorkerHost.RunAsync(builder, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("Telegram:BotToken", error.ToString());
        Assert.Contains("Telegram__BotToken", error.ToString());
        Assert.Contains("chat", error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _state.Dispose();
    }

    /// <summary>Streams slowly enough for a progress message, then ends with the 8,000-character answer.</summary>
    private sealed class SlowLongAnswerer : IAnswerer
    {
        public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) => new LongAnswerer().AnswerAsync(question, cancellationToken);

        public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var word in LongAnswerer.Body.Split(' ').Take(12))
            {
                await Task.Delay(200, cancellationToken);
                yield return new AnswerUpdate(word + " ", null);
            }
            yield return new AnswerUpdate(null, await AnswerAsync(question, cancellationToken));
        }
    }

    private sealed class BrokenAnswerer : IAnswerer
    {
        public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) => throw new InvalidOperationException("engine broke");

        public IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, CancellationToken cancellationToken) => throw new InvalidOperationException("engine broke");
    }

    private sealed class BrokenSummarizer : ISummarizer
    {
        public Task<Summary?> SummarizeAsync(string articleId, CancellationToken cancellationToken) => throw new IOException("disk broke");

        public Task<Summary> SummarizeTopicAsync(string topic, CancellationToken cancellationToken) => throw new IOException("disk broke");
    }

    /// <summary>An answerer whose answer is about 8,000 characters of Arabic sentences.</summary>
    private sealed class LongAnswerer : IAnswerer
    {
        public static readonly string Body = string.Join(" ", Enumerable.Range(1, 100).Select(i => $"هذه الجملة رقم {i} من إجابة طويلة جدا عن التعاون العسكري بين البلدين & <الشريكين> [1]."));

        public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) =>
            Task.FromResult(new Answer(question.Text, Body, Answer.ExtractiveMode, true, [], [], TimeSpan.Zero));

        public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new AnswerUpdate(null, await AnswerAsync(question, cancellationToken));
        }
    }
}
