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
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add("Telegram:Mode must be Polling or Webhook.");
        }
        if (options.Mode == TelegramMode.Webhook)
        {
            ValidateWebhook(options, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWebhook(TelegramOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            failures.Add("Telegram:WebhookUrl must be the public https URL Telegram posts updates to (Telegram:Mode is Webhook).");
        }
        if (string.IsNullOrEmpty(options.WebhookSecret) || options.WebhookSecret.Length > 256
            || !options.WebhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            failures.Add("Telegram:WebhookSecret must be set (1–256 characters A-Z, a-z, 0-9, _ and -) from the environment "
                + "(Telegram__WebhookSecret) or user secrets when Telegram:Mode is Webhook.");
        }
        if (!Uri.TryCreate(options.WebhookListen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            failures.Add("Telegram:WebhookListen must be an http(s) address to listen on, e.g. http://127.0.0.1:8080.");
        }
        if (options.ClaimLeaseSeconds is < 2 or > 3600)
        {
            failures.Add("Telegram:ClaimLeaseSeconds must be between 2 and 3600.");
        }
        if (options.WebhookMaxConnections is < 1 or > 100)
        {
            failures.Add("Telegram:WebhookMaxConnections must be between 1 and 100.");
        }
    }
}
