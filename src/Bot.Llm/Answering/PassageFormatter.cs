using System.Text;
using Bot.Core.Answering;
using Bot.Core.Arabic;

namespace Bot.Llm.Answering;

/// <summary>Numbers sources for a prompt: «[n] title (date)» then the passage text.</summary>
internal static class PassageFormatter
{
    public static string Format(IReadOnlyList<SourcePassage> sources)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            text.Append('[').Append(i + 1).Append("] ").Append(s.Title).Append(" — ").Append(ArabicDates.Format(s.Date)).Append('\n')
                .Append(s.Text.Replace("المقاطع>>>", "المقاطع»", StringComparison.Ordinal)).Append("\n\n");
        }
        return text.ToString().TrimEnd();
    }
}
