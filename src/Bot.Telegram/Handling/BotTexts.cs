using Bot.Core.Answering;

namespace Bot.Telegram.Handling;

/// <summary>The bot's fixed Arabic texts.</summary>
internal static class BotTexts
{
    public const string Help = """
        أجيب عن أسئلتك حول المقالات الإخبارية المتوفرة لدي، وأذكر مصدر كل معلومة.

        الأوامر:
        /digest — أبرز قصص اليوم (أو: /digest أمس، /digest الأسبوع، /digest 2015-08-06)
        /articles — قائمة المقالات
        /summary — موجز كل المقالات
        /summary 2 — ملخص المقالة رقم 2
        /summary قناة السويس الجديدة — تطورات موضوع بترتيب التاريخ
        /search كلمات — البحث في المقالات
        /subscribe — أبرز أخبار اليوم كل مساء
        /subscribe كلمات — كل خبر جديد عن موضوع فور نشره
        /unsubscribe — إيقاف الاشتراكات، /subscriptions — عرضها
        /reset — بدء محادثة جديدة
        /help — هذه المساعدة

        ويمكنك أن تكتب: «لخّص ما تقوله المقالات عن …» أو «ما تطورات …» أو «ما آخر الأخبار عن …»
        في المجموعات: اذكرني (@) أو رُدّ على إحدى رسائلي أو استخدم الأوامر.
        """;

    public const string DigestUsage = "لم أفهم الفترة. اكتب /digest وحده لأبرز قصص اليوم، أو /digest أمس، /digest الأسبوع، /digest 2015-08-06.";
    public const string Welcome = "مرحبًا! 👋 أنا بوت الأسئلة عن المقالات العربية.";
    public const string ExamplesHeader = "جرّب أن تسأل مثلًا:";
    public const string Reset = ArabicMessages.Reset;
    public const string RateLimited = "أرسلتَ طلبات كثيرة خلال دقيقة. انتظر قليلًا ثم أعد المحاولة، من فضلك. ⏳";
    public const string NotAllowed = "عذرًا، هذا البوت غير متاح في هذه المحادثة.";
    public const string Unsupported = "أستطيع قراءة الرسائل النصية فقط. اكتب سؤالك عن المقالات بالعربية، أو اكتب /help لمعرفة ما أستطيع فعله.";
    public const string DocumentNotAdmin = "شكرًا لك! إضافة المقالات متاحة للمشرفين فقط، ولم يتغير شيء.";
    public const string DocumentAdded = "✅ أُضيفت المقالة «{0}». عدد المقالات الآن: {1}.";
    public const string DocumentAlreadyArchived = "شكرًا لك! هذه المقالة موجودة في الأرشيف من قبل بعنوان «{0}»، فلم أُضفها مرة ثانية. عدد المقالات: {1}.";
    public const string DocumentPartlyArchived = "(و{0} من مقالات الملف موجودة في الأرشيف من قبل، فلم أُضفها مرة ثانية.)";
    public const string Failure = "عذرًا، حدث خطأ أثناء معالجة رسالتك. حاول مرة أخرى بعد قليل.";
    public const string Expired = "انتهت صلاحية هذا الزر. اطرح سؤالك من جديد.";
    public const string Thanks = "شكرًا على تقييمك! 🙏";
    public const string SearchUsage = "اكتب كلمات البحث بعد الأمر، مثل: /search التعاون العسكري";
    public const string UnknownCommand = ArabicMessages.UnknownCommand;
    public const string Working = "⏳ ";
    public const string PreparingSummary = "⏳ جارٍ إعداد الملخص…";
}
