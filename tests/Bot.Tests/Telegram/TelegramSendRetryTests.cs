using System.Net.Sockets;
using System.Text.Json.Nodes;
using Bot.Telegram.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Telegram;

/// <summary>
/// Issue #19, defect 2: a send is retried only when Telegram never saw it (the connection could not be opened) or
/// answered that it failed (5xx; a 429 is Telegram.Bot's own retry). After a timeout or a connection dropped once
/// the request was sent Telegram may already have posted the message, so a retry would answer twice.
/// </summary>
public sealed class TelegramSendRetryTests : IAsyncDisposable
{
    private const long Sara = 1101;
    private const string Question = "من التقى وزير الدفاع السوري في طهران؟";
    private readonly FakeBotApi _api = new();

    private int Answers() => _api.Sent(Sara).Count(c => Text(c).Contains("باقري", StringComparison.Ordinal));

    private static string Text(JsonObject call) => FakeBotApi.VisibleText(call["text"]!.ToString(), out _);

    [Fact]
    public async Task An_answer_whose_connection_drops_after_Telegram_read_it_is_not_sent_a_second_time()
    {
        _api.FaultNext("sendMessage", CallFault.DropConnection);
        var bot = await BotRunner.StartAsync(_api);
        try
        {
            _api.Text(Sara, Sara, Question);

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            Assert.Equal(1, Answers()); // Telegram read it once; before #19 it was sent again (2)
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task An_answer_that_times_out_waiting_for_Telegram_is_not_sent_a_second_time()
    {
        _api.FaultNext("sendMessage", CallFault.NeverAnswer);
        var bot = await BotRunner.StartAsync(_api, extra: new Dictionary<string, string?> { ["Telegram:RequestTimeoutSeconds"] = "2" });
        try
        {
            _api.Text(Sara, Sara, Question);

            await _api.WaitUntilAsync(_ => _api.Sent(Sara).Count >= 1);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            Assert.Equal(1, Answers()); // before #19: sent again after the timeout (2)
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    [Fact]
    public async Task An_answer_whose_connection_could_not_be_opened_is_retried_and_arrives_once()
    {
        var refused = 0;
        var bot = await BotRunner.StartAsync(_api, replace: services => services.AddHttpClient(TelegramHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.Zero, // A new connection per call, so the answer needs one of its own.
                ConnectCallback = async (context, cancellationToken) =>
                {
                    if (context.InitialRequestMessage.RequestUri!.AbsolutePath.EndsWith("/sendMessage", StringComparison.Ordinal)
                        && Interlocked.Increment(ref refused) == 1)
                    {
                        throw new SocketException((int)SocketError.ConnectionRefused);
                    }
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            }));
        try
        {
            _api.Text(Sara, Sara, Question);

            await _api.WaitUntilAsync(_ => Answers() >= 1);
            await BotRunner.WaitUntilIdleAsync(bot, _api);
            Assert.True(refused >= 2, "the refused connection was tried again");
            Assert.Equal(1, Answers());
            Assert.Contains(bot.Logs.Entries, e => e.Message.Contains("sendMessage failed", StringComparison.Ordinal) && e.Message.Contains("retrying", StringComparison.Ordinal));
        }
        finally
        {
            await BotRunner.StopAsync(bot);
        }
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
