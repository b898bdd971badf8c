using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Bot.Core.Sources;

/// <summary>A response body and what is needed to decode it and to ask again conditionally.</summary>
internal sealed record FetchedContent(Uri Url, byte[] Body, string? Charset, string? ETag, DateTimeOffset? LastModified);

/// <summary>Validators from the previous response of the same URL, sent as If-None-Match / If-Modified-Since.</summary>
internal sealed record ConditionalHeaders(string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// Fetches feeds and pages within the limits of <see cref="SourcesOptions"/>: http/https only, the guarded connect
/// step (<see cref="GuardedConnector"/>) for every connection including redirects, one time limit for headers and
/// body together, a size limit checked on the declared length and again while reading, and a clear User-Agent.
/// Every failure is a <see cref="SourceFetchException"/> that says whether trying again later could help.
/// </summary>
internal sealed class SourceFetcher : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly SourcesOptions _options;

    public SourceFetcher(IOptions<SourcesOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = new GuardedConnector(_options.AllowPrivateNetworks).ConnectAsync,
            UseProxy = false, // A proxy would make the guarded connect step check the proxy, not the site.
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = _options.Timeout,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    /// <returns>The content, or null when the server answered 304 Not Modified.</returns>
    public async Task<FetchedContent?> FetchAsync(Uri url, ConditionalHeaders? conditional, string accept, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new SourceFetchException($"only http and https addresses can be fetched (got '{url}')", permanent: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        if (conditional?.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (conditional?.LastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new SourceFetchException($"HTTP {status} from {url}", permanent: status is >= 400 and < 500 and not (408 or 429));
            }
            if (response.Content.Headers.ContentLength > _options.MaxBytes)
            {
                throw TooLarge(url);
            }
            var body = await ReadBoundedAsync(response.Content, url, timeout.Token).ConfigureAwait(false);
            return new FetchedContent(
                response.RequestMessage?.RequestUri ?? url,
                body,
                response.Content.Headers.ContentType?.CharSet,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceFetchException($"no complete answer from {url} within {_options.TimeoutSeconds} s", permanent: false);
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            throw new SourceFetchException(blocked.Message, permanent: true, blocked: true);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceFetchException($"could not reach {url.Host}: {ex.Message}", permanent: false);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes)
            {
                throw TooLarge(url);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private SourceFetchException TooLarge(Uri url) =>
        new($"{url} is larger than {_options.MaxBytes / 1024} KB (Sources:MaxBytes)", permanent: true);

    private static BlockedAddressException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BlockedAddressException blocked)
            {
                return blocked;
            }
        }
        return null;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A feed or page could not be fetched or read. <see cref="Permanent"/>: asking again will not help.</summary>
internal sealed class SourceFetchException(string message, bool permanent, bool blocked = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;

    /// <summary>Refused by the private-address guard.</summary>
    public bool Blocked { get; } = blocked;
}
