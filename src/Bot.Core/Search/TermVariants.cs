namespace Bot.Core.Search;

/// <summary>
/// Forms of a stemmed query term that Lucene's light Arabic stemmer leaves apart: the term with an attached
/// preposition or conjunction (ب ل ك ف — «بكلفة» for «كلفة») and with the tanween alef («جديدا» for «جديد»).
/// Expanding only the query side keeps the index untouched and never merges two different stems.
/// </summary>
public static class TermVariants
{
    private static readonly string[] Prefixes = ["ب", "ل", "ك", "ف"];
    private const string TanweenAlef = "ا";
    private const int MinStemLength = 2;

    public static IEnumerable<string> Of(string term)
    {
        yield return term;
        if (term.Length < MinStemLength || !char.IsLetter(term[0]) || term[0] < '\u0600' || term[0] > '\u06FF')
        {
            yield break;
        }
        foreach (var prefix in Prefixes)
        {
            yield return prefix + term;
        }
        if (!term.EndsWith(TanweenAlef, StringComparison.Ordinal))
        {
            yield return term + TanweenAlef;
            foreach (var prefix in Prefixes)
            {
                yield return prefix + term + TanweenAlef;
            }
        }
    }

    private const int MinVerbStem = 3;

    /// <summary>
    /// Other forms of a verb the light stemmer keeps apart: without the imperfect prefix (ي ت ن أ, also after the
    /// future س) and with the alef of the past tense of the derived forms (يتفق → تفق, اتفق). Used only for a term the
    /// archive lacks, so a known word is never rewritten.
    /// </summary>
    public static IEnumerable<string> VerbForms(string term)
    {
        var rest = term.Length > MinVerbStem + 1 && term[0] == 'س' && term[1] is 'ي' or 'ت' or 'ن' ? term[2..]
            : term.Length > MinVerbStem && term[0] is 'ي' or 'ت' or 'ن' or 'ا' ? term[1..]
            : null;
        if (rest is null)
        {
            yield break;
        }
        yield return rest;
        yield return "ا" + rest;
    }
}
