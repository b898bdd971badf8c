using System.Text;
using Bot.Core.Answering;
using Bot.Core.Arabic;

namespace Bot.Llm.Answering;

/// <summary>Numbers sources for a prompt: «[n] title — date» (and «المقالة: id» when the model may ask for it) then the passage text.</summary>
internal static class PassageFormatter
{
    public static string Format(IReadOnlyList<SourcePassage> sources, bool withIds = false)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sources.Count; i++)
        {
            text.Append(FormatOne(i + 1, sources[i], withIds)).Append("\n\n");
        }
        return text.ToString().TrimEnd();
    }

    public static string FormatOne(int number, SourcePassage s, bool withId)
    {
        var text = new StringBuilder();
        text.Append('[').Append(number).Append("] ").Append(s.Title).Append(" — ").Append(ArabicDates.Format(s.Date));
        if (withId)
        {
            text.Append(" — المقالة: ").Append(s.ArticleId);
        }
        // The closing marker of the data block cannot be forged from inside an article.
        return text.Append('\n').Append(s.Text.Replace("المقاطع>>>", "المقاطع»", StringComparison.Ordinal)).ToString();
    }
}
