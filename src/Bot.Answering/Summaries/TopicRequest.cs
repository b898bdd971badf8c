using System.Text.RegularExpressions;

namespace Bot.Core.Summaries;

/// <summary>Recognises «لخّص ما تقوله المقالات عن …» (and shorter «لخص عن …», «ملخص عن …») as a topic summary request.</summary>
public static partial class TopicRequest
{
    [GeneratedRegex(@"^\s*(?:لخ[ّ]?ص(?:\s+لي)?|ملخص|تلخيص)\s+(?:ما\s+(?:تقوله|تقول|قالته|ورد\s+في)\s+المقالات\s+)?(?:عن|حول|بشأن)\s+(?<topic>.+?)\s*[؟?.!]*\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out string topic)
    {
        var match = Pattern().Match(text);
        topic = match.Success ? match.Groups["topic"].Value : string.Empty;
        return match.Success && topic.Length > 0;
    }
}
