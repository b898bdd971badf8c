namespace Bot.Telegram.Subscriptions;

/// <summary>The Arabic replies of /subscribe, /unsubscribe and /subscriptions ({0}… filled by the caller).</summary>
internal static class SubscriptionTexts
{
    public const string DigestName = "الموجز";
    public const string DigestSubscribed = "✅ اشتركتَ في الموجز اليومي: تصلك أبرز أخبار اليوم كل يوم الساعة {0} بتوقيت {1}.\nلإيقافه: /unsubscribe الموجز";
    public const string DigestAlready = "أنت مشترك في الموجز اليومي من قبل، ويصلك الساعة {0} بتوقيت {1}.";
    public const string KeywordsSubscribed = "✅ سأرسل إليك كل خبر جديد عن «{0}» فور نشره.\nلإيقافه: /unsubscribe {0}";
    public const string KeywordsAlready = "أنت مشترك في أخبار «{0}» من قبل.";
    public const string TooManyKeywords = "بلغتَ الحد الأقصى ({0} اشتراكات بالكلمات). ألغِ أحدها أولًا، مثل: /unsubscribe {1}";
    public const string NoWords = "اكتب كلمات ذات معنى بعد الأمر، مثل: /subscribe قناة السويس";
    public const string TooLong = "الكلمات طويلة جدًا: اكتب {0} حرفًا على الأكثر.";
    public const string UnsubscribedAll = "تم إلغاء اشتراكاتك كلها ({0}). لن يصلك شيء بعد الآن.";
    public const string UnsubscribedDigest = "تم إلغاء اشتراكك في الموجز اليومي.";
    public const string UnsubscribedKeywords = "تم إلغاء اشتراكك في أخبار «{0}».";
    public const string NothingToStop = "لست مشتركًا في شيء. للاشتراك: /subscribe";
    public const string NotSubscribedTo = "لست مشتركًا في «{0}».";
    public const string ListHeader = "اشتراكاتك:";
    public const string ListDigest = "• الموجز اليومي — الساعة {0} بتوقيت {1}";
    public const string ListKeywords = "• أخبار «{0}» فور نشرها";
    public const string ListFooter = "لإلغاء اشتراك: /unsubscribe الموجز أو /unsubscribe كلمات، ولإلغائها كلها: /unsubscribe";
    public const string ListEmpty = "لا اشتراكات لديك.\n/subscribe — تصلك أبرز أخبار اليوم كل مساء\n/subscribe كلمات — يصلك كل خبر جديد عن موضوع فور نشره";
    public const string DigestFooter = "لإيقاف الموجز: /unsubscribe الموجز";
    public const string AlertFooter = "لإيقاف هذه التنبيهات: /unsubscribe {0}";

    /// <summary>How a time zone is named in a reply: the city for the default one, the IANA id otherwise.</summary>
    public static string ZoneName(string zone) => zone switch
    {
        "Asia/Riyadh" => "الرياض",
        "Asia/Dubai" => "دبي",
        "Africa/Cairo" => "القاهرة",
        _ => zone,
    };
}
