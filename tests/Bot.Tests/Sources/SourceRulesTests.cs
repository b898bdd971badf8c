using System.Net;
using System.Text;
using Bot.Core.Sources;

namespace Bot.Tests.Sources;

public sealed class SourceRulesTests
{
    static SourceRulesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 form of 169.254.169.254
    public void Private_loopback_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(NetworkRanges.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.4.4")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(NetworkRanges.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void A_windows_1256_page_is_decoded_from_its_meta_charset()
    {
        const string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><p>قطاف الزيتون في جنين</p></body></html>";

        var text = PageDecoder.Decode(Encoding.GetEncoding(1256).GetBytes(html), headerCharset: null);

        Assert.Contains("قطاف الزيتون في جنين", text);
    }

    [Fact]
    public void The_header_charset_wins_over_the_meta_tag()
    {
        const string html = "<html><head><meta charset=\"windows-1256\"></head><body><p>مهرجان الشعر</p></body></html>";

        var text = PageDecoder.Decode(Encoding.UTF8.GetBytes(html), headerCharset: "utf-8");

        Assert.Contains("مهرجان الشعر", text);
    }

    [Fact]
    public void An_undeclared_page_that_is_not_utf8_is_read_as_windows_1256()
    {
        var text = PageDecoder.Decode(Encoding.GetEncoding(1256).GetBytes("<p>موسم الزيتون</p>"), headerCharset: null);

        Assert.Contains("موسم الزيتون", text);
    }

    [Theory]
    [InlineData(-1001234567890, "news_channel", "https://t.me/news_channel/7")]
    [InlineData(-1001234567890, null, "https://t.me/c/1234567890/7")]
    public void A_channel_post_links_to_the_post_publicly_or_for_members_of_a_private_channel(long channelId, string? username, string expected) =>
        Assert.Equal(expected, ArticleIntake.LinkOf(new ChannelPost(channelId, username, "قناة", 7, DateTimeOffset.UnixEpoch, "نص", Edited: false)));

    [Theory]
    [InlineData("HTTPS://Example.COM:443/news/1/?utm_source=x&id=5#comments", "https://example.com/news/1?id=5")]
    [InlineData("http://example.com/ar/خبر?fbclid=abc", "http://example.com/ar/%D8%AE%D8%A8%D8%B1")]
    public void A_url_is_canonicalised_without_tracking_parameters_fragment_or_default_port(string url, string expected) =>
        Assert.Equal(expected, ArticleUrls.Canonical(new Uri(url)).AbsoluteUri);
}
