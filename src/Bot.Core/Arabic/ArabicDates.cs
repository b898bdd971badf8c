namespace Bot.Core.Arabic;

/// <summary>Formats dates for Arabic readers: «18 مارس 2024».</summary>
public static class ArabicDates
{
    private static readonly string[] Months =
        ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

    public static string Format(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "بدون تاريخ";
}
