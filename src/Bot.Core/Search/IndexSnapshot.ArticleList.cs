using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Core.Search;

/// <summary>The article list of an index view: pages newest first, list numbers, lookups by title words.</summary>
internal sealed partial class IndexSnapshot
{
    private static readonly Sort NewestFirst = new(
        new SortField(IndexFields.SortDate, SortFieldType.INT64, reverse: true),
        new SortField(IndexFields.Sequence, SortFieldType.INT64));

    /// <summary>One page of the newest-first list; with a filter, articles whose title shares a word with it.</summary>
    public ArticlePage Page(ArticleListQuery query)
    {
        var size = Math.Clamp(query.PageSize, 1, ArticleListQuery.MaxPageSize);
        Query wanted = ArticleDocuments;
        var filtered = !string.IsNullOrWhiteSpace(query.Filter);
        if (filtered)
        {
            var titles = new BooleanQuery();
            foreach (var term in ArabicSearchAnalyzer.Instance.Terms(query.Filter!).Distinct(StringComparer.Ordinal))
            {
                titles.Add(new TermQuery(new Term(IndexFields.ArticleTitle, term)), Occur.SHOULD);
            }
            if (titles.Clauses.Count == 0)
            {
                return new ArticlePage([], 1, 1, 0);
            }
            wanted = new BooleanQuery { { ArticleDocuments, Occur.MUST }, { titles, Occur.MUST } };
        }

        var total = Count(wanted);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pages);
        var top = Searcher.Search(wanted, null, (int)Math.Min((long)page * size, Math.Max(1, total)), NewestFirst).ScoreDocs;
        var items = new List<ArticleInfo>(Math.Min(size, total));
        for (var i = (page - 1) * size; i < top.Length; i++)
        {
            var number = filtered ? NumberOf(top[i].Doc) : i + 1;
            items.Add(IndexSchema.ReadInfo(Searcher.Doc(top[i].Doc), number));
        }
        return new ArticlePage(items, page, pages, total);
    }

    /// <summary>The article at a 1-based position of the newest-first list.</summary>
    public Article? AtNumber(int number)
    {
        if (number < 1 || number > ArticleCount)
        {
            return null;
        }
        var top = Searcher.Search(ArticleDocuments, null, number, NewestFirst).ScoreDocs;
        return top.Length < number ? null : IndexSchema.ReadArticle(Searcher.Doc(top[number - 1].Doc));
    }

    /// <summary>The article whose title best matches the words (ties to the newest), or null.</summary>
    public Article? ByTitle(string words)
    {
        var titles = new BooleanQuery();
        foreach (var term in ArabicSearchAnalyzer.Instance.Terms(words).Distinct(StringComparer.Ordinal))
        {
            titles.Add(new TermQuery(new Term(IndexFields.ArticleTitle, term)), Occur.SHOULD);
        }
        if (titles.Clauses.Count == 0)
        {
            return null;
        }
        // Most shared title words first (coordination), then newest.
        var hits = Searcher.Search(titles, 20).ScoreDocs;
        var best = hits
            .Select(h => (h.Doc, Shared: SharedTitleTerms(h.Doc, titles)))
            .OrderByDescending(h => h.Shared)
            .ThenByDescending(h => SortDate(h.Doc))
            .FirstOrDefault();
        return hits.Length == 0 ? null : IndexSchema.ReadArticle(Searcher.Doc(best.Doc));
    }

    private int NumberOf(int doc)
    {
        // Articles before this one in the list: newer, or as new and earlier in the source.
        var date = SortDate(doc);
        var sequence = Value(IndexFields.Sequence, doc);
        var newer = new BooleanQuery
        {
            { ArticleDocuments, Occur.MUST },
            { NumericRangeQuery.NewInt64Range(IndexFields.SortDate, IndexSchema.DatePrecisionStep, date, null, false, false), Occur.MUST },
        };
        var sameDay = new BooleanQuery
        {
            { ArticleDocuments, Occur.MUST },
            { NumericRangeQuery.NewInt64Range(IndexFields.SortDate, IndexSchema.DatePrecisionStep, date, date, true, true), Occur.MUST },
        };
        var earlier = new EarlierCollector(sequence);
        Searcher.Search(sameDay, earlier);
        return Count(newer) + earlier.Count + 1;
    }

    /// <summary>Counts documents whose sequence number is below a bound (doc values, no stored fields).</summary>
    private sealed class EarlierCollector(long bound) : ICollector
    {
        private NumericDocValues? _sequence;

        public int Count { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => _sequence = context.AtomicReader.GetNumericDocValues(IndexFields.Sequence);

        public void Collect(int doc)
        {
            if (_sequence is not null && _sequence.Get(doc) < bound)
            {
                Count++;
            }
        }
    }

    private int SharedTitleTerms(int doc, BooleanQuery titles)
    {
        var explanation = Searcher.Explain(titles, doc);
        return explanation.GetDetails()?.Count(d => d.IsMatch) ?? 0;
    }
}
