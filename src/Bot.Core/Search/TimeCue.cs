using System.Globalization;
using Bot.Core.Arabic;

namespace Bot.Core.Search;

/// <summary>What a question says about time: a wish for the newest news, and/or a period (a year, a month of a year).</summary>
/// <param name="Recent">«آخر»، «أحدث»، «اليوم»، «أمس»، «مؤخرًا»: the newest articles are preferred.</param>
/// <param name="From">First day of the period the question names, when it names one.</param>
/// <param name="To">Last day of that period.</param>
public sealed record TimeCue(bool Recent, DateOnly? From, DateOnly? To)
{
    /// <summary>True when the question wrote the year itself (not a month placed in the archive's newest year).</summary>
    public bool NamesYear { get; init; }

    public static TimeCue None { get; } = new(false, null, null);

    public bool HasPeriod => From is not null && To is not null;

    public bool IsEmpty => !Recent && !HasPeriod;

    public bool Contains(DateOnly date) => HasPeriod && date >= From && date <= To;
}

/// <summary>
/// Reads time words from a question (normalised): recency words (آخر، اخر، أحدث، الأحدث، الأخيرة، اليوم، أمس، مؤخرا، حاليا),
/// a year 1900–2100, and a month name (Gregorian يناير… or Levantine كانون الثاني…) with or without a year. A month without
/// a year means that month in <paramref name="defaultYear"/> (the archive's newest year).
/// </summary>
public static class TimeCueParser
{
    private static readonly HashSet<string> RecencyWords =
        new(["اخر", "احدث", "الاحدث", "الاخيره", "الاخير", "اليوم", "امس", "مؤخرا", "موخرا", "حاليا", "الان", "جديد"], StringComparer.Ordinal);

    private static readonly (string Name, int Month)[] Months =
    [
        ("كانون الثاني", 1), ("كانون الاول", 12), ("تشرين الاول", 10), ("تشرين الثاني", 11),
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("يونيو", 6), ("يوليو", 7), ("اغسطس", 8),
        ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
        ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7), ("ايلول", 9),
    ];

    public static TimeCue Parse(string question, int? defaultYear)
    {
        var normalized = ArabicNormalizer.Normalize(question);
        var words = SentenceSplitter.Words(normalized).Select(StripClitic).ToList();
        var recent = words.Any(RecencyWords.Contains);

        int? year = words.Where(w => w.Length == 4 && w.All(char.IsAsciiDigit))
            .Select(w => int.Parse(w, CultureInfo.InvariantCulture))
            .Where(y => y is >= 1900 and <= 2100)
            .Select(y => (int?)y)
            .FirstOrDefault();
        var month = Months.Where(m => m.Name.Contains(' ') ? normalized.Contains(m.Name, StringComparison.Ordinal) : words.Contains(m.Name))
            .Select(m => (int?)m.Month).FirstOrDefault();

        if (month is { } m && (year ?? defaultYear) is { } y)
        {
            var from = new DateOnly(y, m, 1);
            return new TimeCue(recent, from, from.AddMonths(1).AddDays(-1)) { NamesYear = year is not null };
        }
        if (year is { } only)
        {
            return new TimeCue(recent, new DateOnly(only, 1, 1), new DateOnly(only, 12, 31)) { NamesYear = true };
        }
        return recent ? new TimeCue(true, null, null) : TimeCue.None;
    }

    // «والأحدث», «بأغسطس», «فيأغسطس» are rare; «وامس», «بالامس» are not.
    private static string StripClitic(string word)
    {
        foreach (var prefix in new[] { "وبال", "بال", "وال", "و", "ب", "ف" })
        {
            var rest = word.Length > prefix.Length + 2 && word.StartsWith(prefix, StringComparison.Ordinal) ? word[prefix.Length..] : null;
            if (rest is not null && (RecencyWords.Contains(rest) || Months.Any(m => m.Name == rest)))
            {
                return rest;
            }
        }
        return word;
    }
}
