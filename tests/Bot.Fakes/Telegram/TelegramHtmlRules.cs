using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Tests.Telegram;

/// <summary>Telegram's HTML parse mode as the fake enforces it: only its tags, properly nested, only known entities.</summary>
public static class TelegramHtmlRules
{
    private static readonly HashSet<string> AllowedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span", "tg-spoiler", "blockquote", "tg-emoji"];

    /// <summary>The text Telegram would show, or an error when the HTML does not parse.</summary>
    public static string VisibleText(string html, out string? error)
    {
        error = null;
        var text = new StringBuilder();
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    error = $"unclosed start tag at byte offset {i}";
                    return string.Empty;
                }
                var tag = html[(i + 1)..end].Trim();
                var closing = tag.StartsWith('/');
                var name = (closing ? tag[1..] : tag).Split(' ')[0].ToLowerInvariant();
                if (!AllowedTags.Contains(name))
                {
                    error = $"unsupported start tag \"{name}\" at byte offset {i}";
                    return string.Empty;
                }
                if (closing)
                {
                    if (open.Count == 0 || open.Pop() != name)
                    {
                        error = $"unexpected end tag \"{name}\" at byte offset {i}";
                        return string.Empty;
                    }
                }
                else
                {
                    open.Push(name);
                }
                i = end;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end > i ? html[i..(end + 1)] : string.Empty;
                if (entity is not ("&amp;" or "&lt;" or "&gt;" or "&quot;") && !Regex.IsMatch(entity, "^&#x?[0-9a-fA-F]+;$"))
                {
                    error = $"unsupported entity at byte offset {i}";
                    return string.Empty;
                }
                text.Append(WebUtility.HtmlDecode(entity));
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }
        if (open.Count > 0)
        {
            error = $"can't find end tag corresponding to start tag \"{open.Peek()}\"";
        }
        return text.ToString();
    }

}
