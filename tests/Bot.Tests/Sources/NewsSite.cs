using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Sources;

/// <summary>
/// A news site on loopback: RSS 2.0 feeds, with and without broken items, one in Windows-1256 (with an ETag, answering 304 to a matching If-None-Match), an Atom feed
/// (no validators), a malformed feed, Arabic article pages in UTF-8 and in Windows-1256 (charset only in a meta
/// tag), a 404, a page that fails once with 503, a page slower than the timeout and a page larger than 5 MB. It records every request.
/// </summary>
internal sealed class NewsSite : IAsyncDisposable
{
    public const string RssETag = "\"rss-v1\"";

    private readonly WebApplication _app;
    private int _flakyCalls;

    static NewsSite() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public NewsSite()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue((context.Request.Path.Value ?? "/", context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.UserAgent.ToString()));
            await next();
        });
        _app.MapGet("/rss.xml", (HttpContext context) => Rss(context, withBrokenItems: true));
        _app.MapGet("/rss-good.xml", (HttpContext context) => Rss(context, withBrokenItems: false));
        _app.MapGet("/atom.xml", (HttpContext context) => Results.Text(NewsContent.Atom(SiteOf(context)), "application/atom+xml", Encoding.UTF8));
        _app.MapGet("/rss-1256.xml", (HttpContext context) => Results.Bytes(
            Encoding.GetEncoding(1256).GetBytes(NewsContent.Rss(SiteOf(context), withBrokenItems: false).Replace("encoding=\"utf-8\"", "encoding=\"windows-1256\"")),
            "application/rss+xml"));
        _app.MapGet("/broken.xml", () => Results.Text("<rss version=\"2.0\"><channel><item><title>خبر", "application/rss+xml", Encoding.UTF8));
        _app.MapGet("/news/poetry-festival", () => Results.Text(NewsContent.PoetryPage, "text/html; charset=utf-8"));
        _app.MapGet("/news/olive-harvest", () => Results.Bytes(Encoding.GetEncoding(1256).GetBytes(NewsContent.OlivePage), "text/html"));
        _app.MapGet(NewsContent.PoetryCopyPath, () => Results.Text(NewsContent.PoetryPage.Replace("<title>", "<title>نسخة: "), "text/html; charset=utf-8"));
        _app.MapGet("/news/flaky", () => Interlocked.Increment(ref _flakyCalls) == 1
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Text(NewsContent.PoetryPage, "text/html; charset=utf-8"));
        _app.MapGet("/news/menu-only", () => Results.Text(NewsContent.MenuOnlyPage, "text/html; charset=utf-8"));
        _app.MapGet("/news/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Text(NewsContent.PoetryPage, "text/html; charset=utf-8");
        });
        _app.MapGet("/news/huge", async (HttpContext context) =>
        {
            // No Content-Length: the limit must hold while reading, not only on the declared size.
            context.Response.ContentType = "text/html; charset=utf-8";
            var filler = Encoding.UTF8.GetBytes("<p>" + new string('ض', 4000) + "</p>\n");
            for (var written = 0L; written < 6L * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; written += filler.Length)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
            }
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public string BaseUrl { get; }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Path, If-None-Match and User-Agent of every request, in order.</summary>
    public ConcurrentQueue<(string Path, string IfNoneMatch, string UserAgent)> Requests { get; } = new();

    public int RequestsTo(string path) => Requests.Count(r => r.Path == path);

    private static IResult Rss(HttpContext context, bool withBrokenItems)
    {
        if (context.Request.Headers.IfNoneMatch.ToString() == RssETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        context.Response.Headers.ETag = RssETag;
        return Results.Text(NewsContent.Rss(SiteOf(context), withBrokenItems), "application/rss+xml; charset=utf-8");
    }

    private static string SiteOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
