using Bot.Core.Arabic;

namespace Bot.Core.Answering;

/// <summary>What kind of answer a question word asks for.</summary>
internal enum QuestionKind { Other, Person, Time, Year, Number, Place, Reason }

/// <summary>
/// Reads the question word (من، متى، كم، أين، لماذا, also with a leading و/ف, and their English equivalents) and
/// tells whether a sentence looks like the kind of answer asked for: a date or time, a number, a place, a reason,
/// a person or organisation.
/// </summary>
internal static class QuestionCue
{
    private static readonly (string Word, QuestionKind Kind)[] Words =
    [
        ("من", QuestionKind.Person), ("who", QuestionKind.Person), ("whom", QuestionKind.Person),
        ("متي", QuestionKind.Time), ("when", QuestionKind.Time),
        ("كم", QuestionKind.Number), ("how many", QuestionKind.Number), ("how much", QuestionKind.Number),
        ("اين", QuestionKind.Place), ("where", QuestionKind.Place),
        ("لماذا", QuestionKind.Reason), ("لم", QuestionKind.Reason), ("why", QuestionKind.Reason),
    ];

    private static readonly string[] TimeWords =
    [
        "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
        "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين",
        "عام", "سنه", "شهر", "يوم", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
        "صباح", "مساء", "الساعه", "القرن", "خلال", "منذ", "بعد", "قبل",
    ];

    private static readonly string[] PlaceWords =
    [
        "في", "مدينه", "العاصمه", "عاصمه", "بلد", "دوله", "منطقه", "محافظه", "ولايه", "جزيره", "قريه", "شمال", "جنوب",
        "شرق", "غرب", "مقر", "الى",
    ];

    private static readonly string[] ReasonWords =
    [
        "لان", "بسبب", "نتيجه", "بهدف", "لاجل", "اجل", "نظرا", "لذلك", "حيث", "كي", "لكي", "سبب", "ادي", "بغيه", "سعيا",
    ];

    private static readonly string[] PersonWords =
    [
        "الرئيس", "الوزير", "وزير", "رئيس", "الامين", "قائد", "اللواء", "العميد", "الشيخ", "الملك", "الامير", "السيد",
        "المتحدث", "السفير", "الدكتور", "وزاره", "منظمه", "شركه", "حزب", "قال", "اكد", "التقي", "استقبل", "اعلن",
    ];

    private static readonly string[] NumberWords =
    [
        "واحد", "اثنان", "اثنين", "ثلاث", "ثلاثه", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "عشرات", "مئه",
        "مائه", "الف", "الاف", "مليون", "ملايين", "مليار", "بالمئه", "بالمائه",
    ];

    public static QuestionKind Classify(string question)
    {
        var normalized = ArabicNormalizer.Normalize(question).Trim();
        var words = SentenceSplitter.Words(normalized);
        // «في أي عام…»، «أي سنة…»: the answer is a year, not any time word.
        for (var i = 0; i + 1 < Math.Min(words.Count, 4); i++)
        {
            if (words[i] == "اي" && words[i + 1] is "عام" or "العام" or "سنه" or "السنه")
            {
                return QuestionKind.Year;
            }
        }
        if (normalized.StartsWith("in what year", StringComparison.OrdinalIgnoreCase) || normalized.StartsWith("what year", StringComparison.OrdinalIgnoreCase))
        {
            return QuestionKind.Year;
        }
        foreach (var candidate in words.Take(3))
        {
            var word = candidate.Length > 2 && candidate[0] is 'و' or 'ف' ? candidate[1..] : candidate;
            foreach (var (cue, kind) in Words)
            {
                if (word == cue || (candidate == cue))
                {
                    return kind;
                }
            }
        }
        foreach (var (cue, kind) in Words.Where(w => w.Word.Contains(' ')))
        {
            if (normalized.StartsWith(cue, StringComparison.Ordinal))
            {
                return kind;
            }
        }
        return QuestionKind.Other;
    }

    /// <summary>True when the sentence contains the kind of information the question asks for.</summary>
    public static bool Satisfies(QuestionKind kind, string sentence)
    {
        if (kind == QuestionKind.Other)
        {
            return false;
        }
        var normalized = ArabicNormalizer.Normalize(sentence);
        var words = SentenceSplitter.Words(normalized);
        var hasDigit = normalized.Any(char.IsAsciiDigit);
        return kind switch
        {
            QuestionKind.Time => hasDigit && words.Any(w => TimeWords.Contains(w) || w.Length == 4 && w.All(char.IsAsciiDigit))
                                 || words.Any(w => TimeWords.Contains(StripPrefix(w)) && !w.Equals("في", StringComparison.Ordinal)),
            QuestionKind.Year => words.Any(IsYear),
            QuestionKind.Number => hasDigit || words.Any(w => NumberWords.Contains(StripPrefix(w))),
            QuestionKind.Place => words.Any(w => PlaceWords.Contains(StripPrefix(w))),
            QuestionKind.Reason => words.Any(w => ReasonWords.Contains(StripPrefix(w))),
            QuestionKind.Person => words.Any(w => PersonWords.Contains(w) || PersonWords.Contains(StripPrefix(w))),
            _ => false,
        };
    }

    private static bool IsYear(string word) =>
        word.Length == 4 && word.All(char.IsAsciiDigit) && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is >= 1000 and <= 2100;

    private static string StripPrefix(string word) =>
        word.Length > 3 && word[0] is 'و' or 'ف' or 'ب' or 'ل' ? word[1..] : word;
}
