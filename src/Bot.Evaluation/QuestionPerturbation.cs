using System.Text;

namespace Bot.Core.Evaluation;

/// <summary>
/// Realistic variation of a question as users type it, for <c>eval --perturb</c>. Each rule is applied with even odds,
/// decided by a generator seeded from the question, so every run perturbs the same way:
/// hamza dropped (أ إ آ → ا); final ta marbuta written ha (ة → ه); final alef maqsura and ya swapped (ى ↔ ي);
/// diacritics added (a fatha after every third letter of the longest word); a clitic attached to a content word
/// (و، ال or ب); digits written Arabic-Indic (0-9 → ٠-٩).
/// </summary>
internal static class QuestionPerturbation
{
    private const char Alef = '\u0627';
    private const char AlefWithHamzaAbove = '\u0623';
    private const char AlefWithHamzaBelow = '\u0625';
    private const char AlefWithMadda = '\u0622';
    private const char TaMarbuta = '\u0629';
    private const char Ha = '\u0647';
    private const char AlefMaqsura = '\u0649';
    private const char Ya = '\u064A';
    private const char Fatha = '\u064E';
    private const char ArabicIndicZero = '\u0660';

    private static readonly string[] Clitics = ["و", "ال", "ب"];

    private static readonly Func<string, Random, string>[] Rules =
    [
        (text, _) => text.Replace(AlefWithHamzaAbove, Alef).Replace(AlefWithHamzaBelow, Alef).Replace(AlefWithMadda, Alef),
        (text, _) => MapWordEnds(text, c => c == TaMarbuta ? Ha : c),
        (text, _) => MapWordEnds(text, c => c == AlefMaqsura ? Ya : c == Ya ? AlefMaqsura : c),
        (text, _) => AddDiacritics(text),
        AttachClitic,
        (text, _) => new string(text.Select(c => c is >= '0' and <= '9' ? (char)(ArabicIndicZero + (c - '0')) : c).ToArray()),
    ];

    public static string Apply(string question)
    {
        var random = new Random(StableSeed(question));
        var text = question;
        foreach (var rule in Rules)
        {
            if (random.NextDouble() < 0.5)
            {
                text = rule(text, random);
            }
        }
        return text;
    }

    private static string MapWordEnds(string text, Func<char, char> map)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i + 1 == chars.Length || !char.IsLetter(chars[i + 1]))
            {
                chars[i] = map(chars[i]);
            }
        }
        return new string(chars);
    }

    private static string AddDiacritics(string text)
    {
        var words = text.Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(w => w.Length));
        var marked = new StringBuilder();
        for (var i = 0; i < words[longest].Length; i++)
        {
            marked.Append(words[longest][i]);
            if (i % 3 == 0 && char.IsLetter(words[longest][i]))
            {
                marked.Append(Fatha);
            }
        }
        words[longest] = marked.ToString();
        return string.Join(' ', words);
    }

    private static string AttachClitic(string text, Random random)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(1, Math.Max(0, words.Length - 1))
            .Where(i => words[i].Length >= 4 && words[i].All(char.IsLetter) && !words[i].StartsWith("ال", StringComparison.Ordinal))
            .ToList();
        if (candidates.Count == 0)
        {
            return text;
        }
        var chosen = candidates[random.Next(candidates.Count)];
        words[chosen] = Clitics[random.Next(Clitics.Length)] + words[chosen];
        return string.Join(' ', words);
    }

    // string.GetHashCode is randomised per process; runs must be comparable.
    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash;
    }
}
