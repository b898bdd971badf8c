using Bot.Cli.Bench;
using Bot.Core.Chunking;
using Bot.Core.Evaluation;

namespace Bot.Tests.Bench;

/// <summary>A tiny prepared bench folder: Arabic passages of four made-up articles, two of them the same wire story.</summary>
internal static class BenchPassages
{
    public static readonly Passage[] All =
    [
        new("okaz-1#1", "okaz-1", 1, "افتتح أمير منطقة تبوك مستشفى الملك خالد الجديد بسعة ثلاثمئة سرير وبتكلفة بلغت أربعمئة مليون ريال."),
        new("okaz-1#2", "okaz-1", 2, "وأكد مدير الشؤون الصحية أن المستشفى سيخدم سكان المحافظات الشمالية ويخفف الضغط على مستشفيات المنطقة."),
        new("sabq-2#1", "sabq-2", 1, "أطلقت وزارة التعليم برنامجا لتدريب عشرة آلاف معلم على المناهج الرقمية خلال العام الدراسي المقبل."),
        new("was-3#1", "was-3", 1, "وقّعت الغرفة التجارية في جدة اتفاقية تعاون مع هيئة السياحة لتنظيم معرض للكتاب في شهر رمضان."),
        new("alyaum-4#1", "alyaum-4", 1, "وقعت الغرفة التجارية في جدة اتفاقية تعاون مع هيئة السياحة لتنظيم معرض للكتاب في شهر رمضان."),
    ];

    public static async Task<BenchData> WriteAsync(string folder)
    {
        var data = new BenchData(folder);
        Directory.CreateDirectory(folder);
        await data.WritePassagesAsync(All, CancellationToken.None);
        await data.WriteQueriesAsync(
        [
            new KnownItemQuery("okaz-1", "الشؤون الصحية أن سيخدم سكان المحافظات"),
            new KnownItemQuery("sabq-2", "وزارة التعليم لتدريب عشرة آلاف"),
            new KnownItemQuery("was-3", "الغرفة التجارية جدة تعاون"),
        ], CancellationToken.None);
        return data;
    }
}
