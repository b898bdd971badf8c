using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Core.Search;

/// <summary>An article of a period with its <see cref="StorySignature"/>, as the digest groups them.</summary>
public sealed record DatedArticle(Article Article, byte[] Signature);

/// <summary>
/// Read-only access to every article of a date range, straight from the index's date key (no search): the digest needs
/// the whole day, not the best matches of a query.
/// </summary>
public sealed class ArticlesByDate
{
    private readonly ArticleIndex index;

    // Internal: only AddArticleIndex builds it over the live index, which stays inside Bot.Core.
    internal ArticlesByDate(ArticleIndex index) => this.index = index;

    public async Task<IReadOnlyList<DatedArticle>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Kind, IndexFields.ArticleKind)), Occur.MUST },
            { NumericRangeQuery.NewInt64Range(IndexFields.SortDate, IndexSchema.DatePrecisionStep, Key(from), Key(to), true, true), Occur.MUST },
        };
        var docs = new DocCollector();
        snapshot.Searcher.Search(query, docs);
        docs.Docs.Sort();
        var articles = new DatedArticle[docs.Docs.Count];
        // Stored fields are decompressed per document: two threads halve a day's 3,000 reads.
        Parallel.For(0, articles.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var doc = docs.Docs[i];
            articles[i] = new DatedArticle(IndexSchema.ReadArticle(snapshot.Searcher.Doc(doc)), snapshot.StorySignatureOf(doc));
        });
        return articles;
    }

    private static long Key(DateOnly d) => d.Year * 10000L + d.Month * 100 + d.Day;

    private sealed class DocCollector : ICollector
    {
        private int _docBase;

        public List<int> Docs { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc) => Docs.Add(_docBase + doc);
    }
}
