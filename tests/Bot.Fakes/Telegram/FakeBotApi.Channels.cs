using System.Text.Json.Nodes;

namespace Bot.Tests.Telegram;

/// <summary>Posts in a channel where the bot is an admin, as Telegram delivers them (channel_post, edited_channel_post).</summary>
public sealed partial class FakeBotApi
{
    public const int PostDate = 1_760_000_000; // 2025-10-09 UTC

    public int ChannelPost(long channelId, string? username, string? text = null, string? caption = null)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        Push(new JsonObject { ["channel_post"] = Post(channelId, username, id, text, caption) });
        return id;
    }

    public void EditedChannelPost(long channelId, string? username, int messageId, string text)
    {
        var post = Post(channelId, username, messageId, text, caption: null);
        post["edit_date"] = PostDate + 600;
        Push(new JsonObject { ["edited_channel_post"] = post });
    }

    private static JsonObject Post(long channelId, string? username, int messageId, string? text, string? caption)
    {
        var chat = new JsonObject { ["id"] = channelId, ["type"] = "channel", ["title"] = "قناة الأخبار" };
        if (username is not null)
        {
            chat["username"] = username;
        }
        var post = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = PostDate,
            ["chat"] = chat,
            ["sender_chat"] = chat.DeepClone(),
        };
        if (text is not null)
        {
            post["text"] = text;
        }
        if (caption is not null)
        {
            post["caption"] = caption;
            post["photo"] = new JsonArray(new JsonObject { ["file_id"] = "p1", ["file_unique_id"] = "p1", ["width"] = 800, ["height"] = 600 });
        }
        return post;
    }
}
