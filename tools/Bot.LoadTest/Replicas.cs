using System.Diagnostics;
using System.Net;

namespace Bot.LoadTest;

/// <summary>The bot's replicas as separate processes (the published Bot.dll), each with its own index, one shared PostgreSQL.</summary>
internal sealed class Replicas(string botDll, string repoRoot, string work) : IDisposable
{
    private readonly List<Process> _processes = [];

    public IReadOnlyList<Process> Processes => _processes;

    public void Start(int port, int number, string telegram, string proxy, string secret, string postgres)
    {
        var folder = Path.Combine(work, $"replica{number}");
        var articles = Path.Combine(folder, "articles");
        Directory.CreateDirectory(articles);
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "seeds")))
        {
            File.Copy(file, Path.Combine(articles, Path.GetFileName(file)), overwrite: true);
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(botDll);
        var settings = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = FakeTelegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram,
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = proxy + "/telegram/hook",
            ["Telegram__WebhookSecret"] = secret,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Telegram__ClaimLeaseSeconds"] = "6",
            ["Telegram__RateLimitPerMinute"] = "1000",
            ["Telegram__GlobalMessagesPerSecond"] = "1000",
            ["Telegram__StreamEditIntervalSeconds"] = "5",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = postgres,
            ["Corpus__Path"] = articles,
            ["Index__Path"] = Path.Combine(folder, "index"),
            ["Llm__Endpoint"] = string.Empty,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(work, $"replica{number}.log")) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _processes.Add(process);
    }

    public static async Task WaitReadyAsync(HttpClient http, int port, TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"replica on port {port} not ready within {atMost.TotalSeconds} s");
            }
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
