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

    public void Dispose() => _temp.Dispose();
}
