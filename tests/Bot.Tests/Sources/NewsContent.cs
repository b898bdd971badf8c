namespace Bot.Tests.Sources;

/// <summary>Arabic news written for these tests: each article holds a fact found nowhere else.</summary>
internal static class NewsContent
{
    public const string DesalinationTitle = "افتتاح محطة لتحلية مياه البحر في العقبة";
    public const string PoetryTitle = "الشاعر سالم الهاشمي يفوز بجائزة مهرجان الشارقة للشعر";
    public const string OliveTitle = "انطلاق موسم قطاف الزيتون في جنين";
    public const string SatelliteTitle = "إطلاق قمر صناعي عربي لرصد التصحر";

    private const string DesalinationBody = """
        <p>افتتحت الحكومة الأردنية صباح الأحد محطة جديدة لتحلية مياه البحر على ساحل العقبة، بعد ثلاث سنوات من أعمال البناء.</p>
        <p>وقال وزير المياه إن المحطة تنتج مئتين وخمسين ألف متر مكعب من المياه العذبة يوميًا، تكفي لسد حاجة مليون نسمة في جنوب المملكة.</p>
        <p>وتعمل المحطة بالطاقة الشمسية في ساعات النهار، ما يخفض كلفة إنتاج المتر المكعب إلى النصف مقارنة بالمحطات القديمة.</p>
        """;

    public static string Rss(string site, bool withBrokenItems) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>أخبار الموقع</title>
            <link>{site}/</link>
            <description>آخر الأخبار</description>
            <item>
              <title>{DesalinationTitle}</title>
              <link>{site}/news/desalination?utm_source=rss</link>
              <pubDate>Sun, 12 Oct 2025 08:30:00 +0300</pubDate>
              <description>افتتاح محطة جديدة في العقبة.</description>
              <content:encoded><![CDATA[{DesalinationBody}]]></content:encoded>
            </item>
            <item>
              <title>{PoetryTitle}</title>
              <link>{site}/news/poetry-festival</link>
              <pubDate>Mon, 13 Oct 2025 19:00:00 GMT</pubDate>
              <description>فوز شاعر عماني بجائزة المهرجان.</description>
            </item>
            <item>
              <title>{OliveTitle}</title>
              <link>{site}/news/olive-harvest</link>
              <pubDate>Tue, 14 Oct 2025 06:00:00 GMT</pubDate>
            </item>
            {(withBrokenItems ? BrokenItems(site) : "")}
          </channel>
        </rss>
        """;

    /// <summary>A 404, a page slower than the timeout, a page over 5 MB and a page without an article.</summary>
    private static string BrokenItems(string site) => $"""
        <item><title>خبر حذف من الموقع</title><link>{site}/news/gone</link></item>
        <item><title>خبر على خادم بطيء</title><link>{site}/news/slow</link></item>
        <item><title>صفحة ضخمة</title><link>{site}/news/huge</link></item>
        <item><title>صفحة بلا مقالة</title><link>{site}/news/menu-only</link></item>
        """;

    public static string Atom(string site) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>وكالة أنباء العلوم</title>
          <id>{site}/atom</id>
          <updated>2025-10-15T10:00:00Z</updated>
          <entry>
            <title>{SatelliteTitle}</title>
            <id>tag:science,2025:satellite</id>
            <link rel="alternate" href="{site}/science/satellite"/>
            <published>2025-10-15T09:00:00Z</published>
            <updated>2025-10-15T09:00:00Z</updated>
            <summary>إطلاق قمر صناعي جديد.</summary>
            <content type="html"><![CDATA[
              <p>أطلقت وكالة الفضاء العربية فجر الأربعاء قمرًا صناعيًا لرصد التصحر سمّته «نجمة الواحة»، من قاعدة إطلاق في جنوب الجزائر.</p>
              <p>ويحمل القمر كاميرا قادرة على تصوير الكثبان الرملية بدقة مترين، وسيرسل صوره إلى محطة أرضية في القاهرة كل تسعين دقيقة.</p>
              <p>وقالت مديرة المشروع إن بيانات القمر ستساعد المزارعين على حماية الواحات من زحف الرمال خلال السنوات العشر المقبلة.</p>
            ]]></content>
          </entry>
        </feed>
        """;

    public const string PoetryPage = """
        <!DOCTYPE html>
        <html lang="ar" dir="rtl">
        <head><meta charset="utf-8"><title>الشاعر سالم الهاشمي يفوز بجائزة مهرجان الشارقة للشعر</title>
        <meta property="article:published_time" content="2025-10-13T19:00:00Z"></head>
        <body>
          <nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a> | <a href="/culture">ثقافة</a></nav>
          <article>
            <h1>الشاعر سالم الهاشمي يفوز بجائزة مهرجان الشارقة للشعر</h1>
            <p>فاز الشاعر العماني سالم الهاشمي مساء الاثنين بالجائزة الكبرى لمهرجان الشارقة للشعر العربي عن قصيدته «مرايا الرمل».</p>
            <p>وتنافس في الدورة الحالية أربعون شاعرًا من اثنتي عشرة دولة عربية، وقرأ كل منهم قصيدتين أمام لجنة التحكيم والجمهور.</p>
            <p>وقالت لجنة التحكيم إن القصيدة الفائزة جمعت بين صور الصحراء ولغة الحياة اليومية، وإن قيمة الجائزة خمسون ألف درهم.</p>
          </article>
          <footer>جميع الحقوق محفوظة</footer>
        </body>
        </html>
        """;

    public const string OlivePage = """
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
        <title>انطلاق موسم قطاف الزيتون في جنين</title>
        </head>
        <body>
          <div class="menu"><a href="/">الرئيسية</a></div>
          <div class="story">
            <h1>انطلاق موسم قطاف الزيتون في جنين</h1>
            <p>بدأ المزارعون في محافظة جنين صباح الثلاثاء قطاف ثمار الزيتون، وسط توقعات بموسم أفضل من العام الماضي.</p>
            <p>وقدّرت وزارة الزراعة إنتاج المحافظة من الزيت هذا الموسم بنحو ثمانية عشر ألف طن، بفضل الأمطار الغزيرة في الربيع.</p>
            <p>وتشارك العائلات كلها في القطاف، ويتطوع طلاب الجامعات لمساعدة كبار السن في الحقول البعيدة عن القرى.</p>
          </div>
        </body>
        </html>
        """;

    public const string MenuOnlyPage = """
        <html><head><meta charset="utf-8"><title>الأقسام</title></head>
        <body><ul><li><a href="/a">سياسة</a></li><li><a href="/b">اقتصاد</a></li></ul></body></html>
        """;

    /// <summary>The same text as the poetry page, under another address: a duplicate by text.</summary>
    public const string PoetryCopyPath = "/mirror/poetry-copy";
}
