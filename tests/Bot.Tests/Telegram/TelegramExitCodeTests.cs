using Bot.Telegram;
using Bot.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>
/// Failure modes 2 and 3 of issue #11: a fatal error used to end the worker with exit code 0 (so systemd's
/// Restart=on-failure never restarted it), and a second instance on the same token polled forever against 409s.
/// Each runs the worker exactly as <c>dotnet run --project src/Bot</c> does, against the fake Bot API.
/// </summary>
public sealed class TelegramExitCodeTests : IAsyncDisposable
{
    private readonly FakeBotApi _api = new();
    private readonly TempFolder _state = new();
    private readonly CapturingLoggerProvider _logs = new();

    private WebApplicationBuilder Worker(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = RepoPaths.Seeds,
            ["Index:Path"] = _state.Combine("index"),
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = _api.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "1",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_logs);
        Bot.Core.ArticleQaServiceCollectionExtensions.AddArticleQa(builder.Services, builder.Configuration);
        return builder;
    }

    private static async Task<int> RunAsync(WebApplicationBuilder builder)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Bot.Hosting.WorkerHost.RunAsync(builder, new StringWriter(), timeout.Token);
    }

    private string FatalLine() => Assert.Single(_logs.At(LogLevel.Critical), line => line.StartsWith("The worker stopped", StringComparison.Ordinal));

    [Fact]
    public async Task An_address_already_in_use_ends_the_worker_with_exit_code_1_and_one_line_naming_it()
    {
        // Before #19 the webhook's Kestrel ran inside a hosted service with logging of its own that swallowed this.
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";

        var exit = await RunAsync(Worker(new Dictionary<string, string?> { ["urls"] = address }));

        Assert.Equal(1, exit);
        Assert.Contains(address, FatalLine());
    }

    [Fact]
    public async Task A_missing_articles_folder_ends_the_worker_with_exit_code_1_and_one_line_naming_the_folder()
    {
        var missing = _state.Combine("no-such-articles");

        var exit = await RunAsync(Worker(new Dictionary<string, string?> { ["Corpus:Path"] = missing }));

        Assert.Equal(1, exit);
        Assert.Contains(missing, FatalLine());
    }

    [Fact]
    public async Task A_state_database_that_cannot_be_opened_ends_the_worker_with_exit_code_1_and_names_it()
    {
        // Where state.db should be there is a folder: SQLite cannot open or write it (whoever runs the test, even root).
        Directory.CreateDirectory(_state.Combine("index", "state.db"));

        var exit = await RunAsync(Worker());

        Assert.Equal(1, exit);
        Assert.Contains("state database", FatalLine());
    }

    [Fact]
    public async Task A_state_database_that_cannot_be_written_while_running_ends_the_worker_with_exit_code_1_and_names_it()
    {
        var file = _state.Combine("index", "state.db");
        await new Bot.Telegram.State.SqliteUpdateInbox(new Bot.Core.State.EmbeddedStateStore(file), TimeProvider.System).LoadAsync(CancellationToken.None);
        // Another process holds the write lock (as a stuck backup or a second copy of the bot would): reads work, writes cannot.
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO telegram_offset (id, last_received, saved_at) VALUES (1, 1, 0);";
            await begin.ExecuteNonQueryAsync();
        }
        var builder = Worker();
        builder.Services.AddSingleton(new Bot.Core.State.EmbeddedStateStore(file, lockWait: TimeSpan.FromMilliseconds(200)));
        _api.Text(1001, 1001, "من التقى وزير الدفاع السوري في طهران؟");

        var exit = await RunAsync(builder);

        Assert.Equal(1, exit);
        var line = FatalLine();
        Assert.Contains("state database cannot be written", line);
        Assert.Contains("locked", line);
        Assert.Empty(_api.Sent(1001)); // nothing is answered that could not be recorded
    }

    [Fact]
    public async Task A_hosted_service_that_fails_like_a_broken_folder_watcher_ends_the_worker_with_exit_code_1_and_names_it()
    {
        var builder = Worker();
        builder.Services.AddHostedService<BrokenWatcher>();

        var exit = await RunAsync(builder);

        Assert.Equal(1, exit);
        var line = FatalLine();
        Assert.Contains(nameof(BrokenWatcher), line);
        Assert.Contains("inotify watch limit reached", line);
    }

    [Fact]
    public async Task A_second_instance_polling_with_the_same_token_exits_with_code_3_after_a_short_grace_period_and_says_why()
    {
        for (var i = 0; i < 50; i++)
        {
            _api.FailNext("getUpdates", 409,
                """{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}""");
        }

        // The default 15 s grace period, on a fake clock moved a second at a time instead of waiting.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Worker();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        var started = clock.GetUtcNow();

        var running = RunAsync(builder);
        var giveUp = DateTime.UtcNow.AddSeconds(50);
        while (!running.IsCompleted && DateTime.UtcNow < giveUp)
        {
            await Task.WhenAny(running, Task.Delay(20));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var exit = await running;

        Assert.Equal(3, exit);
        Assert.Contains("another instance is polling with this token; stop it or use webhook mode", FatalLine());
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(15), "gave up before the grace period");
        Assert.InRange(50 - _api.FailuresLeft("getUpdates"), 3, 49); // retried during the grace period, then gave up
    }

    [Fact]
    public async Task One_409_while_the_previous_instance_stops_is_tolerated_and_the_bot_answers()
    {
        _api.FailNext("getUpdates", 409, """{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}""");
        var bot = await BotRunner.StartAsync(_api, indexPath: _state.Combine("index"));
        try
        {
            _api.Text(1001, 1001, "من التقى وزير الدفاع السوري في طهران؟");

            await _api.WaitUntilAsync(_ => _api.Sent(1001).Count >= 1);
            Assert.Contains("باقري", FakeBotApi.VisibleText(_api.Sent(1001)[0]["text"]!.ToString(), out _));
            Assert.Contains(bot.Logs.At(LogLevel.Error), line => line.Contains("another instance is polling"));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _state.Dispose();
    }

    /// <summary>A folder watcher that meets a non-IO error after start (as when the system runs out of inotify watches).</summary>
    private sealed class BrokenWatcher : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new InvalidOperationException("inotify watch limit reached");
        }
    }
}
