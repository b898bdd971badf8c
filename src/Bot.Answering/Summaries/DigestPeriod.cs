using System.Globalization;
using Bot.Core.Arabic;

namespace Bot.Core.Summaries;

/// <summary>
/// The period a «/digest» argument names, relative to the archive's newest day: nothing or «اليوم» is that day,
/// «أمس» the day before, «الأسبوع» its last seven days, a date (2015-08-06, «6 أغسطس 2015») that day.
/// </summary>
public static class DigestPeriod
{
    private static readonly string[] Today = ["", "اليوم", "اليوم؟"];
    private static readonly string[] Yesterday = ["أمس", "امس", "البارحة", "بالأمس"];
    private static readonly string[] Week = ["الأسبوع", "الاسبوع", "هذا الأسبوع", "هذا الاسبوع", "أسبوع", "اسبوع"];

    public static bool TryParse(string argument, int limit, out DigestRequest request)
    {
        var text = argument.Trim();
        request = new DigestRequest(Limit: limit);
        if (Today.Contains(text))
        {
            return true;
        }
        if (Yesterday.Contains(text))
        {
            request = request with { DaysBeforeNewest = 1 };
            return true;
        }
        if (Week.Contains(text))
        {
            request = request with { Days = 7 };
            return true;
        }
        if (DateOnly.TryParseExact(ArabicNormalizer.Normalize(text), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || ArabicDateParser.TryParse(text, out day))
        {
            request = request with { From = day, To = day };
            return true;
        }
        return false;
    }
}
