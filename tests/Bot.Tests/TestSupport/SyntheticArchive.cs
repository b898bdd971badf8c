using System.Text;
using System.Text.Json;

namespace Bot.Tests.TestSupport;

/// <summary>
/// Writes a JSONL archive of made-up Arabic news articles (fixed seed), for tests that need more than two articles
/// without reading the shared corpus.
/// </summary>
internal static class SyntheticArchive
{
    private static readonly string[] Cities = ["الرياض", "جدة", "الدمام", "تبوك", "أبها", "مكة", "المدينة", "حائل", "جازان", "نجران"];
    private static readonly string[] Subjects = ["وزير الصحة", "أمير المنطقة", "وزارة التعليم", "الدفاع المدني", "هيئة السياحة", "وزير النقل", "الغرفة التجارية", "جامعة الملك سعود"];
    private static readonly string[] Actions = ["افتتح", "أعلن", "دشّن", "ناقش", "أطلق", "زار", "وقّع", "استعرض"];
    private static readonly string[] Objects = ["مستشفى جديدا", "مشروعا للطرق", "برنامجا للتدريب", "اتفاقية تعاون", "مركزا للأبحاث", "خطة للطوارئ", "معرضا للكتاب", "مبادرة للتطوع"];

    public static string Write(string path, int count, int seed = 7)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 1; i <= count; i++)
        {
            var city = Cities[random.Next(Cities.Length)];
            var paragraphs = Enumerable.Range(0, 3 + random.Next(4)).Select(_ => string.Join(' ', Enumerable.Range(0, 3).Select(_ =>
                $"{Actions[random.Next(Actions.Length)]} {Subjects[random.Next(Subjects.Length)]} في {Cities[random.Next(Cities.Length)]} {Objects[random.Next(Objects.Length)]} بتكلفة {random.Next(2, 900)} مليون ريال رقم {i}.")));
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                id = $"syn-{i:D5}",
                title = $"{Subjects[random.Next(Subjects.Length)]} في {city} ({i})",
                date = new DateOnly(2015, 7, 1).AddDays(random.Next(60)).ToString("yyyy-MM-dd"),
                text = string.Join('\n', paragraphs),
            }));
        }
        return path;
    }
}
