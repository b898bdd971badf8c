using Microsoft.Extensions.Options;

namespace Bot.Telegram;

internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add(TelegramServiceCollectionExtensions.MissingTokenMessage);
        }
        else if (!options.BotToken.Contains(':', StringComparison.Ordinal) || !long.TryParse(options.BotToken.Split(':')[0], out _))
        {
            failures.Add("Telegram:BotToken does not look like a token from @BotFather (digits, a colon, then letters).");
        }
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"Telegram:ApiBaseUrl must be an absolute http(s) URL (got '{options.ApiBaseUrl}').");
        }
        if (options.RateLimitPerMinute is < 1 or > 1000)
        {
            failures.Add("Telegram:RateLimitPerMinute must be between 1 and 1000.");
        }
        if (options.PollingTimeoutSeconds is < 0 or > 50)
        {
            failures.Add("Telegram:PollingTimeoutSeconds must be between 0 and 50.");
        }
        if (options.RetryCount is < 0 or > 10)
        {
            failures.Add("Telegram:RetryCount must be between 0 and 10.");
        }
        if (options.MaxUpdatesInMemory is < 1 or > 100_000)
        {
            failures.Add("Telegram:MaxUpdatesInMemory must be between 1 and 100000.");
        }
        if (options.GlobalMessagesPerSecond is < 1 or > 1000)
        {
            failures.Add("Telegram:GlobalMessagesPerSecond must be between 1 and 1000.");
        }
        if (options.ConflictGraceSeconds is < 0 or > 600)
        {
            failures.Add("Telegram:ConflictGraceSeconds must be between 0 and 600.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
