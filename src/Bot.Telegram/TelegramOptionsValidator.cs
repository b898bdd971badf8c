using System.Net;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>The rules of <see cref="TelegramOptions"/> that its range attributes cannot say.</summary>
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
        else if (url.Scheme == "http" && !IsLoopback(url))
        {
            // Telegram posts only to https; plain http is for a local proxy or a test fake on this machine.
            failures.Add($"Telegram:WebhookUrl must use https outside loopback (got '{url.GetLeftPart(UriPartial.Authority)}'): Telegram posts updates only to https.");
        }
        var secret = options.WebhookSecret;
        if (string.IsNullOrEmpty(secret) || secret.Length is < TelegramOptions.MinWebhookSecretLength or > TelegramOptions.MaxWebhookSecretLength
            || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            failures.Add($"Telegram:WebhookSecret must be set ({TelegramOptions.MinWebhookSecretLength}–{TelegramOptions.MaxWebhookSecretLength} "
                + "characters A-Z, a-z, 0-9, _ and -, e.g. openssl rand -hex 32) from the environment "
                + "(Telegram__WebhookSecret) or user secrets when Telegram:Mode is Webhook"
                + (string.IsNullOrEmpty(secret) ? "." : $" (it has {secret.Length} characters)."));
        }
        if (!Uri.TryCreate(options.WebhookListen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            failures.Add("Telegram:WebhookListen must be an http(s) address to listen on, e.g. http://127.0.0.1:8080.");
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
