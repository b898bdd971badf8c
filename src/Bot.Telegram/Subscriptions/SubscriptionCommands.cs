using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Arabic;
using Bot.Core.Subscriptions;
using Bot.Telegram.Handling;
using Bot.Telegram.Sending;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace Bot.Telegram.Subscriptions;

/// <summary>
/// <c>/subscribe</c> (the daily digest; <c>/subscribe Africa/Cairo</c> in another time zone), <c>/subscribe كلمات</c>
/// (new articles on a topic), <c>/unsubscribe</c> (all, <c>الموجز</c>, or some words) and <c>/subscriptions</c>.
/// </summary>
internal sealed partial class SubscriptionCommands(
    ISubscriptionStore store, BotSender sender, IOptions<DigestScheduleOptions> digest, IOptions<SubscriptionOptions> options)
{
    internal const int MaxKeywordsLength = 100;

    public async Task SubscribeAsync(Message message, string argument, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var words = Spaces().Replace(argument.Trim(), " ");
        if (words.Length == 0 || IsZone(words))
        {
            var zone = words.Length == 0 ? digest.Value.TimeZone : TimeZoneInfo.FindSystemTimeZoneById(words).Id;
            var added = await store.AddAsync(new Subscription(chat.Id, string.Empty, zone, ChatGate.IsGroup(chat)), cancellationToken).ConfigureAwait(false);
            await ReplyAsync(message, added ? SubscriptionTexts.DigestSubscribed : SubscriptionTexts.DigestAlready, cancellationToken, Hour(), SubscriptionTexts.ZoneName(zone))
                .ConfigureAwait(false);
            return;
        }
        if (words.Length > MaxKeywordsLength)
        {
            await ReplyAsync(message, SubscriptionTexts.TooLong, cancellationToken, MaxKeywordsLength).ConfigureAwait(false);
            return;
        }
        if (KeywordFilter.Parse(words) is null)
        {
            await ReplyAsync(message, SubscriptionTexts.NoWords, cancellationToken).ConfigureAwait(false);
            return;
        }
        var keywords = (await store.OfChatAsync(chat.Id, cancellationToken).ConfigureAwait(false)).Where(s => !s.IsDigest).ToList();
        if (keywords.FirstOrDefault(s => SameWords(s.Keywords, words)) is { } existing)
        {
            await ReplyAsync(message, SubscriptionTexts.KeywordsAlready, cancellationToken, existing.Keywords).ConfigureAwait(false);
            return;
        }
        if (keywords.Count >= options.Value.MaxKeywordsPerChat)
        {
            await ReplyAsync(message, SubscriptionTexts.TooManyKeywords, cancellationToken, options.Value.MaxKeywordsPerChat, keywords[0].Keywords)
                .ConfigureAwait(false);
            return;
        }
        await store.AddAsync(new Subscription(chat.Id, words, digest.Value.TimeZone, ChatGate.IsGroup(chat)), cancellationToken).ConfigureAwait(false);
        await ReplyAsync(message, SubscriptionTexts.KeywordsSubscribed, cancellationToken, words).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(Message message, string argument, CancellationToken cancellationToken)
    {
        var chat = message.Chat;
        var words = Spaces().Replace(argument.Trim(), " ");
        var current = await store.OfChatAsync(chat.Id, cancellationToken).ConfigureAwait(false);
        if (current.Count == 0)
        {
            await ReplyAsync(message, SubscriptionTexts.NothingToStop, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (words.Length == 0)
        {
            var removed = await store.RemoveAsync(chat.Id, null, cancellationToken).ConfigureAwait(false);
            await ReplyAsync(message, SubscriptionTexts.UnsubscribedAll, cancellationToken, removed).ConfigureAwait(false);
            return;
        }
        var target = IsDigestWord(words)
            ? current.FirstOrDefault(s => s.IsDigest)
            : current.FirstOrDefault(s => !s.IsDigest && SameWords(s.Keywords, words));
        if (target is null)
        {
            await sender.SendTextAsync(chat, string.Format(CultureInfo.InvariantCulture, SubscriptionTexts.NotSubscribedTo, words) + "\n\n" + List(current),
                cancellationToken, message.MessageId).ConfigureAwait(false);
            return;
        }
        await store.RemoveAsync(chat.Id, target.Keywords, cancellationToken).ConfigureAwait(false);
        await (target.IsDigest
            ? ReplyAsync(message, SubscriptionTexts.UnsubscribedDigest, cancellationToken)
            : ReplyAsync(message, SubscriptionTexts.UnsubscribedKeywords, cancellationToken, target.Keywords)).ConfigureAwait(false);
    }

    public async Task ListAsync(Message message, CancellationToken cancellationToken)
    {
        var current = await store.OfChatAsync(message.Chat.Id, cancellationToken).ConfigureAwait(false);
        await sender.SendTextAsync(message.Chat, current.Count == 0 ? SubscriptionTexts.ListEmpty : List(current), cancellationToken, message.MessageId)
            .ConfigureAwait(false);
    }

    private string List(IReadOnlyList<Subscription> current) =>
        string.Join('\n', [
            SubscriptionTexts.ListHeader,
            .. current.Select(s => s.IsDigest
                ? string.Format(CultureInfo.InvariantCulture, SubscriptionTexts.ListDigest, Hour(), SubscriptionTexts.ZoneName(s.TimeZone))
                : string.Format(CultureInfo.InvariantCulture, SubscriptionTexts.ListKeywords, s.Keywords)),
            string.Empty,
            SubscriptionTexts.ListFooter,
        ]);

    private Task ReplyAsync(Message message, string format, CancellationToken cancellationToken, params object[] values) =>
        sender.SendTextAsync(message.Chat, string.Format(CultureInfo.InvariantCulture, format, values), cancellationToken, message.MessageId);

    private string Hour() => string.Create(CultureInfo.InvariantCulture, $"{digest.Value.Hour:00}:00");

    /// <summary>«Africa/Cairo», «UTC»: a zone id, never Arabic words.</summary>
    private static bool IsZone(string words) => !words.Any(c => c is >= '\u0600' and <= '\u06FF') && !words.Contains(' ') && TimeZones.TryFind(words, out _);

    private static bool IsDigestWord(string words) =>
        ArabicNormalizer.Normalize(words) is var normalized
        && (normalized == ArabicNormalizer.Normalize(SubscriptionTexts.DigestName) || normalized == ArabicNormalizer.Normalize("الموجز اليومي"));

    private static bool SameWords(string a, string b) => string.Equals(ArabicNormalizer.Normalize(a), ArabicNormalizer.Normalize(b), StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
