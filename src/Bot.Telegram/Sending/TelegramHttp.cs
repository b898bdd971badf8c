using System.Net;
using Bot.Telegram.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Telegram.Sending;

/// <summary>
/// The Bot API's HttpClient. Its resilience handler retries a call only when Telegram never saw it (the connection
/// could not be opened) or answered that it failed (5xx, with or without a JSON body). After a timeout or a
/// connection dropped once the request was sent, Telegram may have acted on it: a retry could answer twice, so the
/// failure goes to the caller. 429 is Telegram.Bot's to retry (<see cref="TelegramOptions.RetryThresholdSeconds"/>):
/// a second retry around it would only multiply the waits.
/// </summary>
internal static partial class TelegramHttp
{
    public const string ClientName = "Telegram";

    /// <summary>Retries of a call Telegram never saw or answered with 5xx (0.5, 1, 2 s apart).</summary>
    public const int MaxRetries = 3;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(0.5);

    public static IServiceCollection AddTelegramHttpClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient(ClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                // Long polls wait PollingTimeoutSeconds on purpose; every call may take RequestTimeoutSeconds beyond that.
                http.Timeout = TimeSpan.FromSeconds(options.PollingTimeoutSeconds + options.RequestTimeoutSeconds);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // One client for the process; the pooled lifetime refreshes DNS.
            .RemoveAllLoggers(); // HttpClientFactory's logging would print Bot API URLs, which contain the token.
        client.AddResilienceHandler("telegram", (pipeline, context) =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramHttp).FullName!);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = MaxRetries,
                    Delay = FirstRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                    ShouldRetryAfterHeader = false, // 429 and its retry_after belong to Telegram.Bot.
                    ShouldHandle = args => ValueTask.FromResult(NeverReachedOrFailed(args.Outcome)),
                    OnRetry = args =>
                    {
                        LogRetry(logger, MethodOf(args.Context.GetRequestMessage()), args.AttemptNumber + 1,
                            args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}", args.RetryDelay.TotalSeconds);
                        return default;
                    },
                });
            });
        // Inside the retries: every attempt's failure is redacted and every 429 counted.
        client.AddHttpMessageHandler(sp => new TokenRedactingHandler(
                sp.GetRequiredService<IOptions<TelegramOptions>>().Value.BotToken!, sp.GetRequiredService<BotMetrics>().Throttled));
        return services;
    }

    /// <summary>True when retrying cannot make Telegram act twice: the request never left, or Telegram said it failed.</summary>
    internal static bool NeverReachedOrFailed(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } } => true,
        { Exception: not null } => false, // Timeouts, dropped connections, malformed answers: it may have been sent.
        { Result: { } response } => response.StatusCode >= HttpStatusCode.InternalServerError,
        _ => false,
    };

    /// <summary>The Bot API method (the last segment of the URL; the token is in an earlier one).</summary>
    private static string MethodOf(HttpRequestMessage? request) => request?.RequestUri?.Segments is [.., var last] ? last : "request";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot API {Method} failed (attempt {Attempt}: {Reason}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string method, int attempt, string reason, double seconds);
}
