using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Core.Sources;

/// <summary>A response body and what is needed to decode it and to ask again conditionally.</summary>
internal sealed record FetchedContent(Uri Url, byte[] Body, string? Charset, string? ETag, DateTimeOffset? LastModified);

/// <summary>Validators from the previous response of the same URL, sent as If-None-Match / If-Modified-Since.</summary>
internal sealed record ConditionalHeaders(string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// Fetches feeds and pages within the limits of <see cref="SourcesOptions"/>: http/https only, the guarded connect
/// step (<see cref="GuardedConnector"/>) for every connection including redirects, one time limit for headers and
/// body together (retries included), a size limit checked on the declared length and again while reading, a clear
/// User-Agent, and a couple of retries of transient failures (Microsoft.Extensions.Http.Resilience).
/// Every failure is a <see cref="SourceFetchException"/> that says whether trying again later could help.
/// </summary>
internal sealed class SourceFetcher(IHttpClientFactory clients, IOptions<SourcesOptions> options)
{
    public const string ClientName = "sources";
    private const int MaxRedirects = 5;

    private readonly SourcesOptions _options = options.Value;

    /// <summary>The connection handler of the <see cref="ClientName"/> client: every connection through the guard, no proxy.</summary>
    public static SocketsHttpHandler CreateHandler(SourcesOptions options) => new()
    {
        ConnectCallback = new GuardedConnector(options.AllowPrivateNetworks).ConnectAsync,
        UseProxy = false, // A proxy would make the guarded connect step check the proxy, not the site.
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = options.Timeout,
    };

    /// <summary>Retried by the resilience handler: network failures and 408/429/5xx, but never a refused address.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => HttpClientResiliencePredicates.IsTransient(outcome),
        HttpRequestException ex => FindBlocked(ex) is null,
        _ => false,
    };

    /// <returns>The content, or null when the server answered 304 Not Modified.</returns>
    public async Task<FetchedContent?> FetchAsync(Uri url, ConditionalHeaders? conditional, string accept, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new SourceFetchException($"only http and https addresses can be fetched (got '{url}')", permanent: true);
        }

        var http = clients.CreateClient(ClientName);
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
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
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

    internal static BlockedAddressException? FindBlocked(Exception? ex)
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
}

/// <summary>A feed or page could not be fetched or read. <see cref="Permanent"/>: asking again will not help.</summary>
internal sealed class SourceFetchException(string message, bool permanent, bool blocked = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;

    /// <summary>Refused by the private-address guard.</summary>
    public bool Blocked { get; } = blocked;
}
