using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bot.Core.Sources;

/// <summary><c>Sources</c> section: the feeds to follow and the limits of every fetch (feeds, links, pages).</summary>
internal sealed class SourcesOptions
{
    public const string SectionName = "Sources";
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>RSS 2.0 or Atom feeds; environment: <c>Sources__Feeds__0__Url</c>.</summary>
    public List<FeedOptions> Feeds { get; set; } = [];

    /// <summary>
    /// False (the default) refuses addresses in private, loopback and link-local ranges, so a link sent to the bot can
    /// never reach the machine it runs on or its network. True only for feeds on your own network (and tests).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Sources:UserAgent must not be empty.")]
    public string UserAgent { get; set; } = "ArabicArticleQaBot/1.0 (news archive; follows RSS/Atom feeds)";

    /// <summary>Whole request, headers and body, for one feed or page.</summary>
    [Range(1, 300, ErrorMessage = "Sources:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 20;

    [Range(1024, 100 * 1024 * 1024, ErrorMessage = "Sources:MaxBytes must be between 1 KB and 100 MB.")]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>For feeds that do not set <see cref="FeedOptions.IntervalMinutes"/>.</summary>
    [Range(1, 1440, ErrorMessage = "Sources:IntervalMinutes must be between 1 and 1440.")]
    public int IntervalMinutes { get; set; } = 30;

    /// <summary>After failures a feed waits twice as long each time, at most this long.</summary>
    [Range(1, 1440, ErrorMessage = "Sources:MaxBackoffMinutes must be between 1 and 1440.")]
    public int MaxBackoffMinutes { get; set; } = 240;

    /// <summary>New items taken from one feed in one poll (the newest first); the rest wait for the next poll.</summary>
    [Range(1, 1000, ErrorMessage = "Sources:MaxItemsPerPoll must be between 1 and 1000.")]
    public int MaxItemsPerPoll { get; set; } = 50;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan IntervalOf(FeedOptions feed) => TimeSpan.FromMinutes(feed.IntervalMinutes ?? IntervalMinutes);
}

/// <summary>One feed to follow; only <see cref="Url"/> is required.</summary>
internal sealed class FeedOptions
{
    public string Url { get; set; } = string.Empty;

    /// <summary>The source name stored with each article; the site's host name when empty.</summary>
    public string? Name { get; set; }

    public int? IntervalMinutes { get; set; }

    public string DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name.Trim()
        : Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : Url;
}

internal sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Feeds.Count; i++)
        {
            var feed = options.Feeds[i];
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"Sources:Feeds:{i}:Url must be an absolute http(s) URL (got '{feed.Url}').");
            }
            if (feed.IntervalMinutes is < 1 or > 1440)
            {
                failures.Add($"Sources:Feeds:{i}:IntervalMinutes must be between 1 and 1440.");
            }
        }
        var repeated = options.Feeds.GroupBy(f => f.Url.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        failures.AddRange(repeated.Select(url => $"Sources:Feeds lists {url} more than once."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
