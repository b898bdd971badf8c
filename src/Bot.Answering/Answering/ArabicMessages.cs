namespace Bot.Core.Answering;

/// <summary>Fixed Arabic texts shown to users, in one place so every front-end says the same thing.</summary>
public static class ArabicMessages
{
    public const string NotFound = "لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال.";
    public const string ClosestArticles = "أقرب المقالات إلى سؤالك:";
    /// <summary>Opens an answer whose support is thin: the closest the articles come, said as such.</summary>
    public const string Tentative = "⚠️ لم أجد جوابًا صريحًا عن سؤالك، وهذا أقرب ما في المقالات:";
    public const string EmptyQuestion = "الرجاء كتابة سؤال باللغة العربية عن المقالات.";
    public const string OnlyPunctuation = "لم أجد في رسالتك كلمات أبحث عنها. الرجاء كتابة سؤال بالكلمات.";
    public const string TooLong = "السؤال طويل جدًا ({0} حرفًا، والحد الأقصى {1}). الرجاء اختصاره في جملة أو جملتين.";
    public const string NoArticles = "لا توجد مقالات بعد. أضف ملفات المقالات إلى مجلد المقالات ثم أعد المحاولة.";
    public const string ModelUnavailable = "ملاحظة: النموذج اللغوي غير متاح الآن، فهذه إجابة مقتطفة من المقالات مباشرة.";
    /// <summary>After the extractive answer that stands in for a model reply that could not be shown (no valid citation, not Arabic…).</summary>
    public const string ModelAnswerRejected = "ملاحظة: تعذّر التحقق من إجابة النموذج اللغوي من المقالات، فهذه إجابة مقتطفة من المقالات مباشرة.";
    public const string PublisherSummaryLabel = "ملخص الناشر";
    public const string ExtractiveSummaryLabel = "ملخص مقتطف من المقالة";
    /// <summary>«The articles cover the period from … to …», after the honest reply to a question about another time.</summary>
    public const string ArchiveCovers = "تغطي المقالات المتوفرة الفترة من {0} إلى {1}.";

    /// <summary>The same story in other outlets: «ونشرته أيضًا 3 مصادر» (Arabic number agreement for 1, 2, 3–10, 11+).</summary>
    public static string AlsoPublished(int copies) => copies switch
    {
        <= 0 => string.Empty,
        1 => "ونشره أيضًا مصدر آخر",
        2 => "ونشره أيضًا مصدران آخران",
        <= 10 => $"ونشرته أيضًا {copies} مصادر",
        _ => $"ونشرته أيضًا {copies} مصدرًا",
    };

    public const string ArticleNotFound = "لم أجد مقالة بهذا الرقم أو العنوان. اكتب /articles لعرض القائمة.";
}
