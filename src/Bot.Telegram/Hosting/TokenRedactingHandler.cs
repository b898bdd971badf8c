namespace Bot.Telegram.Hosting;

/// <summary>
/// The bot token is part of every Bot API URL, so any exception or log line that carries the URL would leak it.
/// This handler rewrites request failures so their messages never contain the token (keeping the kind of failure,
/// which decides whether a retry is safe). It also counts Telegram's 429s, which Telegram.Bot retries on its own
/// and would otherwise never be seen.
/// </summary>
internal sealed class TokenRedactingHandler(string token, Action? throttled = null) : DelegatingHandler
{
    public const string Mask = "<bot-token>";

    public string Redact(string text) => string.IsNullOrEmpty(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                throttled?.Invoke();
            }
            return response;
        }
        catch (HttpRequestException ex) when (ex.Message.Contains(token, StringComparison.Ordinal))
        {
            throw new HttpRequestException(ex.HttpRequestError, Redact(ex.Message), null, ex.StatusCode);
        }
    }
}
