namespace Bot.Core.Summaries;

/// <summary>Outlets' names as readers know them (the archive stores short source ids); an unknown id is shown as it is.</summary>
public static class Outlets
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aawsat"] = "الشرق الأوسط",
        ["alriyadh"] = "الرياض",
        ["aljazirah"] = "الجزيرة",
        ["alyaum"] = "اليوم",
        ["almadina"] = "المدينة",
        ["aleqtisadiya"] = "الاقتصادية",
        ["okaz"] = "عكاظ",
        ["alwatan"] = "الوطن",
        ["sabq"] = "سبق",
        ["3alyoum"] = "عين اليوم",
        ["alweeam"] = "الوئام",
        ["arreyadi"] = "الرياضي",
        ["alsharq"] = "الشرق",
        ["alhayat"] = "الحياة",
    };

    public static string Name(string? source) =>
        string.IsNullOrWhiteSpace(source) ? "مصدر غير معروف" : Names.GetValueOrDefault(source, source);
}
