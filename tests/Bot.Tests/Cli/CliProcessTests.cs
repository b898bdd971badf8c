using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Cli;

/// <summary>The program as operators run it: a separate process with real standard input, output and error.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, params string[] args) =>
        RunAsync(input, new Dictionary<string, string>(), args);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, IDictionary<string, string> environment, params string[] args) =>
        BotProcess.RunAsync(input, args.Concat(["--corpus", RepoPaths.Seeds, "--index", _temp.Combine("index")]), environment);

    [Fact]
    public async Task Ask_without_a_question_answers_each_line_of_standard_input_as_one_JSON_object()
    {
        var (exit, output, _) = await RunAsync("من التقى وزير الدفاع السوري في طهران؟\n\nما الصواريخ التي ستكون بحوزة الجيش السوري؟\n", "ask", "--json");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("باقري", JsonDocument.Parse(lines[0]).RootElement.GetProperty("answer").GetString());
        Assert.Contains("خرداد", JsonDocument.Parse(lines[1]).RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Reindex_off_a_terminal_reports_progress_as_plain_lines_on_standard_error()
    {
        var (exit, output, error) = await RunAsync(null, "reindex");

        Assert.Equal(0, exit);
        Assert.Contains("index: 2/2 articles", error);
        Assert.Contains("Indexed 2 articles", output);
    }

    [Fact]
    public async Task Without_a_command_or_a_token_the_worker_explains_and_exits_with_2()
    {
        var (exit, _, error) = await RunAsync(null);

        Assert.Equal(2, exit);
        Assert.Contains("Telegram__BotToken", error);
    }

    [Fact]
    public async Task A_worker_that_cannot_open_its_state_database_exits_with_1_and_names_the_cause()
    {
        await using var telegram = new Bot.Tests.Telegram.FakeBotApi();
        Directory.CreateDirectory(_temp.Combine("index", "state.db")); // a folder where the database file should be

        var (exit, _, error) = await RunAsync(null, new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = Bot.Tests.Telegram.FakeBotApi.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl,
        });

        Assert.Equal(1, exit);
        Assert.Contains("The worker stopped with exit code 1: the state database", error);
    }

    [Fact]
    public async Task Eval_details_writes_one_line_per_question_with_its_answer_and_whether_it_holds_the_gold_answer()
    {
        var squad = _temp.Combine("set.json");
        await File.WriteAllTextAsync(squad, JsonSerializer.Serialize(new
        {
            data = new[]
            {
                new
                {
                    title = "دمشق",
                    paragraphs = new[]
                    {
                        new
                        {
                            context = "دمشق هي عاصمة سوريا وأقدم عاصمة مأهولة في العالم. يبلغ عدد سكانها نحو مليوني نسمة.",
                            qas = new[] { new { id = "q1", question = "ما هي عاصمة سوريا؟", answers = new[] { new { text = "دمشق", answer_start = 0 } } } },
                        },
                        new
                        {
                            context = "يمر نهر بردى في مدينة دمشق من الغرب إلى الشرق. وتحيط بالمدينة بساتين الغوطة.",
                            qas = new[] { new { id = "q2", question = "ما النهر الذي يمر في دمشق؟", answers = new[] { new { text = "نهر بردى", answer_start = 0 } } } },
                        },
                    },
                },
            },
        }));
        var details = _temp.Combine("details.jsonl");

        var (exit, output, _) = await BotProcess.RunAsync(null, ["eval", "--qa", squad, "--details", details, "--json"]);

        Assert.Equal(0, exit);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("questions").GetInt32());
        var lines = (await File.ReadAllLinesAsync(details)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ما هي عاصمة سوريا؟", "ما النهر الذي يمر في دمشق؟"], lines.Select(l => l.GetProperty("question").GetString()));
        Assert.Equal(1, lines[1].GetProperty("goldRank").GetInt32());
        Assert.True(lines[1].GetProperty("contained").GetBoolean());
        Assert.Contains("بردى", lines[1].GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Eval_details_with_a_question_set_says_for_each_question_its_kind_and_whether_it_was_answered()
    {
        var questions = _temp.Combine("questions.jsonl");
        await File.WriteAllLinesAsync(questions,
        [
            """{"question": "من التقى وزير الدفاع السوري في طهران؟", "answerable": true, "kind": "answerable", "answers": ["باقري"]}""",
            """{"question": "ما هي عاصمة اليابان؟", "answerable": false, "kind": "never"}""",
        ]);
        var details = _temp.Combine("details.jsonl");

        var (exit, output, _) = await RunAsync(null, "eval", "--questions", questions, "--details", details, "--json");

        Assert.Equal(0, exit);
        Assert.Equal(0.0, JsonDocument.Parse(output).RootElement.GetProperty("falseAnswerRate").GetDouble());
        var lines = (await File.ReadAllLinesAsync(details)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["answerable", "never"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.True(lines[0].GetProperty("contained").GetBoolean());
        Assert.False(lines[1].GetProperty("found").GetBoolean());
        Assert.StartsWith("لم أجد", lines[1].GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Ask_with_a_model_reports_the_mode_the_functions_it_called_and_traces_them_with_verbose()
    {
        await using var model = new Llm.FakeOpenAiServer();
        model.Enqueue(
            Llm.FakeOpenAiServer.Call("articles-search_articles", """{"query":"صواريخ خرداد"}"""),
            Llm.FakeOpenAiServer.Text("لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال."));
        var environment = new Dictionary<string, string> { ["Llm__Endpoint"] = model.BaseUrl, ["Llm__ChatModel"] = "fake-arabic-model" };

        var (exit, output, error) = await RunAsync(null, environment, "ask", "ما هي عاصمة اليابان؟", "--json", "--verbose");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("llm", root.GetProperty("mode").GetString());
        Assert.False(root.GetProperty("found").GetBoolean());
        Assert.True(root.GetProperty("modelSaidNotFound").GetBoolean());
        Assert.False(root.TryGetProperty("fallbackReason", out _));
        var call = root.GetProperty("toolCalls")[0];
        Assert.Equal("search_articles", call.GetProperty("name").GetString());
        Assert.Contains("صواريخ خرداد", call.GetProperty("arguments").GetString());
        Assert.Contains("Model called search_articles", error);
    }

    [Fact]
    public async Task Ask_with_a_failing_model_reports_the_extractive_mode_and_the_reason()
    {
        await using var model = new Llm.FakeOpenAiServer();
        model.Enqueue(new Llm.FakeOpenAiServer.Reply(Status: 503));
        var environment = new Dictionary<string, string> { ["Llm__Endpoint"] = model.BaseUrl, ["Llm__ChatModel"] = "fake-arabic-model" };

        var (exit, output, _) = await RunAsync(null, environment, "ask", "من التقى وزير الدفاع السوري في طهران؟", "--json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        Assert.Equal("http", root.GetProperty("fallbackReason").GetString());
        Assert.Contains("باقري", root.GetProperty("answer").GetString());
    }

    public void Dispose() => _temp.Dispose();
}
