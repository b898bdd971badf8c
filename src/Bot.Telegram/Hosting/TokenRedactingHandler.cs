namespace Bot.Telegram.Hosting;

/// <summary>
/// The bot token is part of every Bot API URL, so any exception or log line that carries the URL would leak it.
/// This handler rewrites request failures so their messages never contain the token.
/// </summary>
internal sealed class TokenRedactingHandler(string token) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    public const string Mask = "<bot-token>";

    public string Redact(string text) => string.IsNullOrEmpty(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.Message.Contains(token, StringComparison.Ordinal))
        {
            throw new HttpRequestException(Redact(ex.Message), null, ex.StatusCode);
        }
    }
}
