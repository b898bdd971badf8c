namespace Bot.Core.Search;

/// <summary>
/// How alike two stemmed words are by their letters: Dice over character bigrams with the word edges marked. The light
/// stemmer leaves verb prefixes and some suffixes on («يحيط» / «تحيط», «هيمن» / «يهيمن»), which this still relates.
/// </summary>
internal static class SpellingSimilarity
{
    private const char Edge = '^';

    public static string[] Bigrams(string word)
    {
        var marked = Edge + word + Edge;
        var grams = new string[marked.Length - 1];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = marked.Substring(i, 2);
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
        return 2.0 * shared / (a.Length + b.Length);
    }
}
