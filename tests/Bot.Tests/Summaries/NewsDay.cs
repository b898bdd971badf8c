using System.Text.Json;

namespace Bot.Tests.Summaries;

/// <summary>
/// A small news archive for digests and timelines: on 6 August 2015 a wire story in four outlets (one lightly edited), a
/// statement in three (one a trimmed rewrite) and ten single-outlet articles; on 5 August a story in two outlets; oil
/// price reports across four days, one of them carried twice.
/// </summary>
internal static class NewsDay
{
    public const string Apache =
        "أعلنت قيادة القوات المشتركة أن طائرة أباتشي تابعة للقوات البرية السعودية هبطت اضطراريا في منفذ الطوال بعد تنفيذ عمليات على الحد الجنوبي. "
        + "وأوضحت القيادة أن الطائرة لم تتعرض لأي أضرار وأن الطيار ومساعده لم يصابا بأي أذى. "
        + "وأضاف البيان أن فرق الصيانة وصلت إلى الموقع وبدأت فحص الطائرة تمهيدا لإعادتها إلى قاعدتها في خميس مشيط.";

    public const string Statement =
        "اتفقت المملكة العربية السعودية والمملكة الأردنية الهاشمية على أهمية تعزيز التعاون الاستراتيجي السياسي والاقتصادي والعسكري بين البلدين. "
        + "وجاء ذلك في بيان مشترك صدر في ختام زيارة ولي ولي العهد إلى عمّان ولقائه العاهل الأردني. "
        + "وأكد البيان ضرورة التنسيق في مواجهة الإرهاب ودعم الحل السياسي في اليمن وسوريا وفق القرارات الدولية.";

    public const string Relief =
        "وصلت الطائرة الإغاثية السعودية الخامسة إلى مطار عدن الدولي محملة باثني عشر طنا من المستلزمات الطبية لمرضى الفشل الكلوي. "
        + "ويرافق الطائرة فريق من مركز الملك سلمان للإغاثة والأعمال الإنسانية لتوزيع المساعدات على المستشفيات.";

    private static readonly string[] Singles =
    [
        "افتتح أمير المنطقة الشرقية معرضا للكتاب في الدمام بمشاركة مئة دار نشر عربية وأجنبية.",
        "أعلنت جامعة الدمام عن طرح مئة وثلاثين وظيفة إدارية وهندسية للرجال والنساء.",
        "حذرت الأرصاد من رياح نشطة مثيرة للغبار على أجزاء من منطقة الرياض والقصيم خلال الساعات المقبلة.",
        "فاز فريق الهلال على فريق الشباب بهدفين دون مقابل في مباراة ودية أقيمت في الرياض.",
        "أطلقت هيئة الغذاء والدواء حملة توعوية للوقاية من التسمم في المنازل والمدارس.",
        "وافق وزير التجارة على تأسيس ست عشرة شركة مساهمة مقفلة برأسمال قدره خمسة وخمسون مليون ريال.",
        "بدأ فريق عرض مسرحي تدريباته استعدادا لافتتاح فعاليات سوق عكاظ في الطائف.",
        "دشن محافظ جدة مشروعا لتصريف مياه الأمطار في الأحياء الجنوبية من المدينة.",
        "أقامت جمعية الثقافة والفنون في أبها أمسية شعرية شارك فيها عدد من شعراء المنطقة.",
        "أعلنت هيئة السياحة عن برنامج صيفي يشمل رحلات إلى المواقع الأثرية في العلا ومدائن صالح.",
    ];

    private static readonly string[] Oil =
    [
        "2015-07-22|هبطت أسعار النفط في التعاملات الآسيوية اليوم مع تزايد المخاوف من تخمة المعروض في الأسواق العالمية.",
        "2015-07-29|استقرت أسعار النفط أمس بعد أن أظهرت بيانات أسبوعية تراجع المخزونات الأمريكية من الخام.",
        "2015-08-04|واصلت أسعار النفط خسائرها للأسبوع الخامس على التوالي لتقترب من خمسين دولارا للبرميل.",
        "2015-08-06|تراجعت أسعار النفط اليوم إلى أدنى مستوى في ستة أشهر بعد ارتفاع الإنتاج في دول أوبك.",
    ];

    public static void Write(string path)
    {
        var articles = new List<object>();
        string[] apacheOutlets = ["alriyadh", "okaz", "alyaum", "sabq"];
        for (var i = 0; i < apacheOutlets.Length; i++)
        {
            var text = i == 1 ? "الرياض - واس: " + Apache.Replace("اضطراريا", "اضطراريًا") : Apache;
            articles.Add(Article($"apache-{i}", apacheOutlets[i], "2015-08-06", "هبوط اضطراري لطائرة أباتشي", text));
        }
        string[] statementOutlets = ["aljazirah", "almadina", "alwatan"];
        for (var i = 0; i < statementOutlets.Length; i++)
        {
            // The third outlet keeps only the first two sentences.
            var text = i == 2 ? string.Join(". ", Statement.Split(". ").Take(2)) + "." : Statement;
            articles.Add(Article($"statement-{i}", statementOutlets[i], "2015-08-06", "بيان سعودي أردني مشترك", text));
        }
        for (var i = 0; i < Singles.Length; i++)
        {
            articles.Add(Article($"single-{i}", "aawsat", "2015-08-06", $"خبر محلي {i + 1}", Singles[i]));
        }
        articles.Add(Article("relief-0", "alriyadh", "2015-08-05", "طائرة إغاثة في عدن", Relief));
        articles.Add(Article("relief-1", "okaz", "2015-08-05", "وصول الطائرة الإغاثية الخامسة", Relief));
        for (var i = 0; i < Oil.Length; i++)
        {
            var (date, text) = (Oil[i].Split('|')[0], Oil[i].Split('|')[1]);
            articles.Add(Article($"oil-{i}", "aleqtisadiya", date, $"أسعار النفط {i + 1}", text + " وقال محللون إن الطلب الصيني سيحدد اتجاه الأسعار في الفترة المقبلة."));
        }
        // The newest oil report again, from another outlet: one line, not two.
        articles.Add(Article("oil-copy", "alyaum", "2015-08-06", "النفط يتراجع", Oil[^1].Split('|')[1] + " وقال محللون إن الطلب الصيني سيحدد اتجاه الأسعار في الفترة المقبلة."));
        File.WriteAllLines(path, articles.Select(a => JsonSerializer.Serialize(a)));
    }

    private static object Article(string id, string source, string date, string title, string text) =>
        new { id, source, date, title, text };
}
