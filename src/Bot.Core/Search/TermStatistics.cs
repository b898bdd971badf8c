
namespace Bot.Core.Search;

/// <summary>What the archive says about one stemmed query term.</summary>
/// <param name="Idf">BM25 inverse document frequency over passages.</param>
/// <param name="InArchive">False when neither the term nor an attached-preposition form occurs in any passage or title.</param>
public readonly record struct TermInfo(double Idf, bool InArchive);

/// <summary>How informative a stemmed term is across the indexed passages (BM25 idf), and whether it occurs at all.</summary>
public sealed class TermStatistics
{
    private readonly ArticleIndex index;

    // Internal: only AddArticleIndex builds it over the live index, which stays inside Bot.Core.
    internal TermStatistics(ArticleIndex index) => this.index = index;

    public async Task<IReadOnlyDictionary<string, double>> IdfAsync(IEnumerable<string> terms, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return terms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, lease.Snapshot.Idf, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, TermInfo>> LookupAsync(IEnumerable<string> terms, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        return terms.Distinct(StringComparer.Ordinal).ToDictionary(
            t => t,
            t => new TermInfo(snapshot.Idf(t), TermVariants.Of(t).Any(form =>
                snapshot.DocFreq(IndexFields.Text, form) > 0 || snapshot.DocFreq(IndexFields.ArticleTitle, form) > 0)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Each term as the archive spells it: a term that occurs nowhere but whose other verb form does («يكتب» → «كتب»,
    /// «سيستمر» → «استمر», «تتفق» → «اتفق») becomes that form, the most frequent one. The light stemmer leaves verb
    /// prefixes on, and an unknown form would otherwise weigh as a name the archive has never seen.
    /// </summary>
    public async Task<IReadOnlyList<string>> AsArchiveSpellsAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        int DocFreq(string form) => snapshot.DocFreq(IndexFields.Text, form);
        int Frequency(string form) => DocFreq(form) + snapshot.VariantsInIndex(form).Sum(DocFreq);
        return terms.Select(term => Frequency(term) > 0
                ? term
                : TermVariants.VerbForms(term).Select(form => (Form: form, Count: Frequency(form))).Where(x => x.Count > 0)
                    .OrderByDescending(x => x.Count).Select(x => x.Form).FirstOrDefault() ?? term)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The highest idf a term can have (one that occurs nowhere).</summary>
    public async Task<double> MaxIdfAsync(CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var n = lease.Snapshot.PassageCount;
        return Math.Log(1 + (n + 0.5) / 0.5);
    }
}
