using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Answering;
using Bot.Core.Conversations;
using Bot.Telegram.State;

namespace Bot.Telegram.Formatting;

/// <summary>What a button stands for.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ShowSource), "source")]
[JsonDerivedType(typeof(GiveFeedback), "feedback")]
[JsonDerivedType(typeof(ShowSummary), "summary")]
[JsonDerivedType(typeof(ShowArticles), "articles")]
[JsonDerivedType(typeof(ShowDigest), "digest")]
[JsonDerivedType(typeof(ShowStorySources), "story")]
internal abstract record ButtonAction;

internal sealed record ShowSource(Citation Citation) : ButtonAction;

internal sealed record GiveFeedback(ConversationKey Conversation, string Question, string Answer, bool Helpful) : ButtonAction;

internal sealed record ShowSummary(string ArticleId) : ButtonAction;

/// <summary>Another page of the article list, shown in place of the current one.</summary>
internal sealed record ShowArticles(int Page, string? Filter) : ButtonAction;

/// <summary>Another page of a digest, shown in place of the current one.</summary>
internal sealed record ShowDigest(DateOnly From, DateOnly To, int Page) : ButtonAction;

/// <summary>The sources (outlet, title, date) of one story of a digest (0-based).</summary>
internal sealed record ShowStorySources(DateOnly From, DateOnly To, int Story) : ButtonAction;

/// <summary>
/// Keeps button actions server-side under short random tokens, so callback data stays far below Telegram's 64-byte
/// limit whatever the article ids and titles. They live in the <see cref="IButtonStore"/>, so a button still works
/// after a restart; an unknown or expired one gets a polite "expired" reply.
/// </summary>
internal sealed class CallbackTokens(IButtonStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<string>> RegisterAsync(IReadOnlyList<ButtonAction> actions, CancellationToken cancellationToken)
    {
        var buttons = actions.Select(a => KeyValuePair.Create(NewToken(), JsonSerializer.Serialize(a, Json))).ToList();
        if (buttons.Count > 0)
        {
            await store.SaveAsync(buttons, cancellationToken).ConfigureAwait(false);
        }
        return buttons.Select(b => b.Key).ToList();
    }

    public async Task<ButtonAction?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }
        var json = await store.FindAsync(token, cancellationToken).ConfigureAwait(false);
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<ButtonAction>(json, Json);
        }
        catch (JsonException)
        {
            return null; // A button from an older version of the bot: treated as expired.
        }
    }

    /// <summary>12 random bytes as 16 URL-safe characters.</summary>
    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
