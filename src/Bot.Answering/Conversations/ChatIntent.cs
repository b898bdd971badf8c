using Bot.Core.Summaries;

namespace Bot.Core.Conversations;

/// <summary>
/// What a chat message asks for, read the same way by every front-end (Telegram, the console <c>chat</c>).
/// Commands a front-end adds on its own (Telegram's /search, /subscribe…) and unknown ones stay <see cref="Command"/>.
/// </summary>
public abstract record ChatIntent
{
    private ChatIntent()
    {
    }

    /// <summary>«/start» (welcome) or «/help».</summary>
    public sealed record Help(bool Welcome) : ChatIntent;

    /// <summary>«/articles [words]», and «/summary» without an article.</summary>
    public sealed record Articles(string? Filter) : ChatIntent;

    /// <summary>«/summary 2» or «/summary words of the title».</summary>
    public sealed record ArticleSummary(string Reference) : ChatIntent;

    /// <summary>«لخّص ما تقوله المقالات عن …» and «ما تطورات …» (a timeline); «ما آخر الأخبار عن …» (<paramref name="Latest"/>).</summary>
    public sealed record TopicSummary(string Topic, bool Latest = false) : ChatIntent;

    /// <summary>«/reset»: forget the conversation.</summary>
    public sealed record Reset : ChatIntent;

    /// <summary>A question, answered with the conversation's history.</summary>
    public sealed record Ask(string Text) : ChatIntent;

    /// <summary>Any other command: the front-end's own, or unknown.</summary>
    public sealed record Command(string Name, string Argument) : ChatIntent;

    public static ChatIntent Parse(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/'))
        {
            return TopicRequest.TryParseQuery(trimmed, out var topic) ? new TopicSummary(topic.Topic, topic.Latest) : new Ask(trimmed);
        }
        var (command, argument) = SplitCommand(trimmed);
        return command switch
        {
            "/start" => new Help(Welcome: true),
            "/help" => new Help(Welcome: false),
            "/articles" => new Articles(argument.Length == 0 ? null : argument),
            "/summary" when argument.Length == 0 => new Articles(null),
            "/summary" => new ArticleSummary(argument),
            "/reset" => new Reset(),
            _ => new Command(command, argument),
        };
    }

    /// <summary>«/summary@MyBot 2» → ("/summary", "2").</summary>
    public static (string Command, string Argument) SplitCommand(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\n']);
        var command = space < 0 ? trimmed : trimmed[..space];
        var at = command.IndexOf('@');
        if (at >= 0)
        {
            command = command[..at];
        }
        return (command.ToLowerInvariant(), space < 0 ? string.Empty : trimmed[(space + 1)..].Trim());
    }
}
