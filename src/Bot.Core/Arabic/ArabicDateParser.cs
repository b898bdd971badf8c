using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Core.Arabic;

/// <summary>
/// Finds a date written the Arabic way: «18 مارس 2024», «18 آذار 2024» (Levantine months such as تشرين الثاني,
/// أيلول, تموز), with an optional weekday, in Arabic-Indic digits, or numerically (2024-03-18, 18/03/2024).
/// Impossible dates (31 شباط) are not dates.
/// </summary>
public static partial class ArabicDateParser
{
    // Month names after normalisation (alef forms, ta marbuta, ya) so spelling variants match.
    private static readonly (string Name, int Month)[] MonthNames =
    [
        ("كانون الثاني", 1), ("كانون الاول", 12), ("تشرين الاول", 10), ("تشرين الثاني", 11),
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("افريل", 4), ("مايو", 5), ("ماي", 5),
        ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("غشت", 8), ("سبتمبر", 9),
        ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12), ("جانفي", 1), ("فيفري", 2),
        ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7), ("اب", 8), ("ايلول", 9),
    ];

    private static readonly string MonthPattern = string.Join('|', MonthNames.Select(m => Regex.Escape(m.Name)).OrderByDescending(n => n.Length));

    private static readonly Regex Written = new(
        $@"(?<!\d)(?<day>\d{{1,2}})\s*(?:من\s+)?(?<month>{MonthPattern})(?:\s*/\s*(?:{MonthPattern}))?\s*,?\s*(?<year>\d{{4}})(?!\d)",
        RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(?<!\d)(?<year>\d{4})[-/.](?<month>\d{1,2})[-/.](?<day>\d{1,2})(?!\d)")]
    private static partial Regex IsoLike();

    [GeneratedRegex(@"(?<!\d)(?<day>\d{1,2})[-/.](?<month>\d{1,2})[-/.](?<year>\d{4})(?!\d)")]
    private static partial Regex DayFirst();

    private static readonly string[] Weekdays = ["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];

    public static bool TryParse(string text, out DateOnly date)
    {
        date = default;
        var normalized = ArabicNormalizer.Normalize(text);
        var written = Written.Match(normalized);
        if (written.Success)
        {
            var month = MonthNames.First(m => m.Name == written.Groups["month"].Value).Month;
            return TryMake(written.Groups["year"].Value, month, written.Groups["day"].Value, out date);
        }
        foreach (var pattern in new[] { IsoLike(), DayFirst() })
        {
            var numeric = pattern.Match(normalized);
            if (numeric.Success && int.TryParse(numeric.Groups["month"].Value, CultureInfo.InvariantCulture, out var month))
            {
                return TryMake(numeric.Groups["year"].Value, month, numeric.Groups["day"].Value, out date);
            }
        }
        return false;
    }

    /// <summary>True when a short line is just a date, maybe with a weekday, a time, or a source before it.</summary>
    public static bool IsDateLine(string line)
    {
        if (line.Length > 80 || !TryParse(line, out _))
        {
            return false;
        }
        var words = SentenceSplitter.Words(ArabicNormalizer.Normalize(line));
        var other = words.Count(w => !w.All(char.IsAsciiDigit) && !Weekdays.Contains(w) && !MonthNames.Any(m => m.Name.Split(' ').Contains(w))
                                     && w is not ("م" or "ص" or "مساء" or "صباحا" or "من" or "في" or "تاريخ" or "النشر" or "نشر" or "بتاريخ" or "اخر" or "تحديث"));
        return other <= 3;
    }

    private static bool TryMake(string yearText, int month, string dayText, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(yearText, CultureInfo.InvariantCulture, out var year) || !int.TryParse(dayText, CultureInfo.InvariantCulture, out var day)
            || year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }
}
