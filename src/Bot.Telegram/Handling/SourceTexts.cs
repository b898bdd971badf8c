namespace Bot.Telegram.Handling;

/// <summary>The bot's Arabic texts about adding articles from links.</summary>
internal static class SourceTexts
{
    public const string AlreadyPresent = "هذه المقالة موجودة مسبقًا";
    public const string Added = "✅ أُضيفت المقالة «{0}» ({1}). عدد المقالات الآن: {2}.";
    public const string NotAdmin = "شكرًا لك! إضافة المقالات من الروابط متاحة للمشرفين فقط، ولم يتغير شيء.";
    public const string Usage = "أرسل الرابط بعد الأمر، مثل: /add https://example.com/article";
    public const string Refused = "لا أستطيع جلب هذا الرابط: عنوانه في شبكة خاصة أو محلية.";
    public const string Failed = "تعذّر جلب الصفحة أو استخراج مقالة منها. تحقّق من الرابط وحاول مرة أخرى.";
}
