namespace Bot.Core.Search;

/// <summary>
/// How alike two stemmed words are by their letters: Dice over their character bigrams. The light stemmer leaves verb
/// prefixes and some suffixes on («يحيط» / «تحيط», «هيمنت» / «يهيمن»), which this still relates. Word edges are not
/// marked: a shared first letter and last letter made unrelated short words alike («ادار» / «اخبار»).
/// </summary>
internal static class SpellingSimilarity
{
    public static string[] Bigrams(string word)
    {
        var grams = new string[Math.Max(0, word.Length - 1)];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = word.Substring(i, 2);
        }
        return grams;
    }

    public static double Dice(string[] a, string[] b)
    {
        var shared = 0;
        var used = new bool[b.Length];
        foreach (var gram in a)
        {
            for (var j = 0; j < b.Length; j++)
            {
                if (!used[j] && string.Equals(gram, b[j], StringComparison.Ordinal))
                {
                    used[j] = true;
                    shared++;
                    break;
                }
            }
        }
        return a.Length + b.Length == 0 ? 0 : 2.0 * shared / (a.Length + b.Length);
    }
}
