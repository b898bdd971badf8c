namespace Bot.Core.Answering;

/// <summary>Fixed Arabic texts shown to users, in one place so every front-end says the same thing.</summary>
public static class ArabicMessages
{
    public const string NotFound = "لم أجد في المقالات المتوفرة ما يجيب عن هذا السؤال.";
    public const string ClosestArticles = "أقرب المقالات إلى سؤالك:";
    public const string EmptyQuestion = "الرجاء كتابة سؤال باللغة العربية عن المقالات.";
    public const string OnlyPunctuation = "لم أجد في رسالتك كلمات أبحث عنها. الرجاء كتابة سؤال بالكلمات.";
    public const string TooLong = "السؤال طويل جدًا ({0} حرفًا، والحد الأقصى {1}). الرجاء اختصاره في جملة أو جملتين.";
    public const string NoArticles = "لا توجد مقالات بعد. أضف ملفات المقالات إلى مجلد المقالات ثم أعد المحاولة.";
    public const string ModelUnavailable = "ملاحظة: النموذج اللغوي غير متاح الآن، فهذه إجابة مقتطفة من المقالات مباشرة.";
    public const string PublisherSummaryLabel = "ملخص الناشر";
    public const string ExtractiveSummaryLabel = "ملخص مقتطف من المقالة";
    public const string ArticleNotFound = "لم أجد مقالة بهذا الرقم أو العنوان. اكتب /articles لعرض القائمة.";
}
