using System.Text.RegularExpressions;

namespace Bot.Core.Summaries;

/// <summary>A request about a topic across the archive: its timeline, or its latest news (newest first).</summary>
internal sealed record TopicQuery(string Topic, bool Latest);

/// <summary>
/// Recognises topic requests: «لخّص ما تقوله المقالات عن …» (and shorter «لخص عن …», «ملخص عن …») and «ما تطورات …» ask
/// for a timeline; «ما آخر الأخبار عن …», «آخر أخبار …» and «ما الجديد في …» ask for the latest news.
/// </summary>
internal static partial class TopicRequest
{
    [GeneratedRegex(@"^\s*(?:لخ[ّ]?ص(?:\s+لي)?|ملخص|تلخيص)\s+(?:ما\s+(?:تقوله|تقول|قالته|ورد\s+في)\s+المقالات\s+)?(?:عن|حول|بشأن)\s+(?<topic>.+?)\s*[؟?.!]*\s*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\s*(?:(?:ما|ماهي|ما\s+هي)\s+)?(?:آخر\s+|اخر\s+)?تطورات\s+(?:(?:عن|حول|بشأن|في)\s+)?(?<topic>.+?)\s*[؟?.!]*\s*$")]
    private static partial Regex Developments();

    [GeneratedRegex(@"^\s*(?:(?:ما|ماهي|ما\s+هي)\s+)?(?:(?:آخر|اخر|أحدث|احدث)\s+(?:الأخبار|الاخبار|أخبار|اخبار)|(?:ال)?جديد)\s+(?:(?:عن|حول|بشأن|في)\s+)?(?<topic>.+?)\s*[؟?.!]*\s*$")]
    private static partial Regex Latest();

    /// <summary>A summary request («لخّص ما تقوله المقالات عن …»); the topic it names.</summary>
    public static bool TryParse(string text, out string topic)
    {
        var match = Pattern().Match(text);
        topic = match.Success ? match.Groups["topic"].Value : string.Empty;
        return match.Success && topic.Length > 0;
    }

    /// <summary>Any topic request: a summary or «ما تطورات …» (a timeline), or «ما آخر الأخبار عن …» (the latest news).</summary>
    public static bool TryParseQuery(string text, out TopicQuery query)
    {
        query = TryParse(text, out string topic) ? new TopicQuery(topic, Latest: false)
            : Developments().Match(text) is { Success: true } d ? new TopicQuery(d.Groups["topic"].Value, Latest: false)
            : Latest().Match(text) is { Success: true } l ? new TopicQuery(l.Groups["topic"].Value, Latest: true)
            : new TopicQuery(string.Empty, false);
        return query.Topic.Length > 0;
    }
}
