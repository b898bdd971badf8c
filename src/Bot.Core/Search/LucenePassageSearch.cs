using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Core.Search;

/// <summary>
/// BM25 over passages. Each analysed query term is looked up in the passage text, the article title (boosted)
/// and the whole article's text (down-weighted), so a passage ranks by its own words first and by its
/// article's topic second, as whole-article BM25 would.
/// </summary>
internal sealed class LucenePassageSearch(ArticleIndex index) : IPassageSearch
{
    internal const float TitleBoost = 1.5f;
    internal const float ContextBoost = 0.5f;
    internal const float VariantBoost = 0.5f;

    // Long inputs are rejected before search; this only bounds the query's size.
    private const int MaxQueryTerms = 64;

    public async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var terms = ArabicSearchAnalyzer.Instance.Terms(query).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        var hits = snapshot.Searcher.Search(BuildQuery(terms), k).ScoreDocs;

        var results = new List<RankedPassage>(hits.Length);
        foreach (var hit in hits)
        {
            var id = snapshot.Searcher.Doc(hit.Doc).Get(IndexFields.PassageId);
            if (snapshot.Passage(id) is { } passage)
            {
                results.Add(new RankedPassage(results.Count + 1, passage, hit.Score));
            }
        }
        return results;
    }

    internal static Query BuildQuery(IEnumerable<string> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(IndexFields.Text, term)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(IndexFields.Title, term)) { Boost = TitleBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(IndexFields.Context, term)) { Boost = ContextBoost }, Occur.SHOULD);

            // Attached-preposition and tanween forms count too, but less, and at most once per term.
            var variants = new DisjunctionMaxQuery(0f);
            foreach (var form in TermVariants.Of(term).Skip(1))
            {
                variants.Add(new TermQuery(new Term(IndexFields.Text, form)));
            }
            if (variants.Disjuncts.Count > 0)
            {
                variants.Boost = VariantBoost;
                query.Add(variants, Occur.SHOULD);
            }
        }
        return query;
    }
}
