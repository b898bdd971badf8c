using System.Collections.Concurrent;
using Bot.Core.Arabic;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Bot.Core.Search;

/// <summary>
/// One opened point-in-time view of the index: the Lucene reader and lookups served from it. Nothing of the archive
/// is held in memory beyond what Lucene keeps and a small cache of recently read articles; passages are cut again
/// from their article's stored text (the chunker is deterministic), so text is stored once.
/// </summary>
internal sealed class IndexSnapshot : IDisposable
{
    private const int CachedArticles = 256;

    private static readonly Query ArticleDocuments = new TermQuery(new Term(IndexFields.Kind, IndexFields.ArticleKind));
    private static readonly Sort NewestFirst = new(
        new SortField(IndexFields.SortDate, SortFieldType.INT64, reverse: true),
        new SortField(IndexFields.Sequence, SortFieldType.INT64));

    private readonly PassageChunker _chunker;
    private readonly ConcurrentDictionary<string, (Article Article, IReadOnlyList<Passage> Passages)> _cache = new(StringComparer.Ordinal);
    private int? _articleCount;

    public IndexSnapshot(DirectoryReader reader, PassageChunker chunker, string folder)
    {
        Reader = reader;
        Searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        Folder = folder;
        _chunker = chunker;
        Commit = IndexCommitData.Read(reader.IndexCommit.UserData);
        PassageCount = reader.GetDocCount(IndexFields.Text);
    }

    public DirectoryReader Reader { get; }
    public IndexSearcher Searcher { get; }
    public string Folder { get; }
    public IndexCommitData Commit { get; }
    public int PassageCount { get; }

    public int ArticleCount => _articleCount ??= Count(ArticleDocuments);

    private TermNgrams? _ngrams;

    /// <summary>Character n-grams of the index's words, built on first use (only spelling-tolerant search needs them).</summary>
    public TermNgrams Ngrams => LazyInitializer.EnsureInitialized(ref _ngrams, () => TermNgrams.Build(Reader));

    public Article? Article(string id) => Load(id)?.Article;

    public IReadOnlyList<Passage> PassagesOf(string articleId) => Load(articleId)?.Passages ?? [];

    /// <summary>A passage by its id <c>articleId#n</c>.</summary>
    public Passage? Passage(string passageId)
    {
        var hash = passageId.LastIndexOf('#');
        return hash > 0 && int.TryParse(passageId.AsSpan(hash + 1), out var ordinal)
            ? Passage(passageId[..hash], ordinal) : null;
    }

    public Passage? Passage(string articleId, int ordinal)
    {
        var passages = PassagesOf(articleId);
        return ordinal >= 1 && ordinal <= passages.Count ? passages[ordinal - 1] : null;
    }

    /// <summary>The article document of an id, or -1.</summary>
    public int ArticleDoc(string id)
    {
        var hits = Searcher.Search(new TermQuery(new Term(IndexFields.ArticleKey, id)), 1).ScoreDocs;
        return hits.Length == 0 ? -1 : hits[0].Doc;
    }

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

    /// <summary>The first article stored with this URL (normalised) or this text, other than <paramref name="exceptId"/>.</summary>
    public Article? FindDuplicate(Article article)
    {
        var sameText = new BooleanQuery { { new TermQuery(new Term(IndexFields.TextHash, IndexSchema.TextHash(article))), Occur.SHOULD } };
        if (!string.IsNullOrEmpty(article.Url))
        {
            sameText.Add(new TermQuery(new Term(IndexFields.UrlKey, IndexSchema.UrlHash(article.Url))), Occur.SHOULD);
        }
        foreach (var hit in Searcher.Search(sameText, 5).ScoreDocs)
        {
            var found = IndexSchema.ReadArticle(Searcher.Doc(hit.Doc));
            if (found.Id != article.Id)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>BM25's inverse document frequency of a stemmed term over passages.</summary>
    public double Idf(string term)
    {
        var n = PassageCount;
        var df = Reader.DocFreq(new Term(IndexFields.Text, term));
        return Math.Log(1 + (n - df + 0.5) / (df + 0.5));
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

    /// <summary>The <see cref="StorySignature"/> stored with an article document.</summary>
    public byte[] StorySignatureOf(int articleDoc)
    {
        if (articleDoc < 0)
        {
            return [];
        }
        var leaves = Reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(articleDoc, leaves)];
        var values = leaf.AtomicReader.GetBinaryDocValues(IndexFields.Story);
        if (values is null)
        {
            return [];
        }
        var bytes = new Lucene.Net.Util.BytesRef();
        values.Get(articleDoc - leaf.DocBase, bytes);
        return bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
    }

    /// <summary>An article document's date, from its sort key (no stored fields read).</summary>
    public DateOnly? DateOf(int articleDoc)
    {
        var key = articleDoc < 0 ? 0 : SortDate(articleDoc);
        return key == 0 ? null : new DateOnly((int)(key / 10000), (int)(key / 100 % 100), (int)(key % 100));
    }

    private long SortDate(int doc) => Value(IndexFields.SortDate, doc);

    private long Value(string field, int doc)
    {
        var leaves = Reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return leaf.AtomicReader.GetNumericDocValues(field)?.Get(doc - leaf.DocBase) ?? 0;
    }

    private int Count(Query query)
    {
        var collector = new TotalHitCountCollector();
        Searcher.Search(query, collector);
        return collector.TotalHits;
    }

    private (Article Article, IReadOnlyList<Passage> Passages)? Load(string id)
    {
        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }
        var doc = ArticleDoc(id);
        if (doc < 0)
        {
            return null;
        }
        var article = IndexSchema.ReadArticle(Searcher.Doc(doc));
        var entry = (article, _chunker.Chunk(article));
        if (_cache.Count >= CachedArticles)
        {
            _cache.Clear();
        }
        _cache[id] = entry;
        return entry;
    }

    public void Dispose() => Reader.DecRef();
}

/// <summary>What a commit records besides the documents: schema, the source files it reflects, the next sequence.</summary>
internal sealed record IndexCommitData(string Schema, IReadOnlyDictionary<string, SourceFile> Files, long NextSequence)
{
    private const string SchemaKey = "schema";
    private const string FilesKey = "files";
    private const string SequenceKey = "seq";

    public static IndexCommitData Read(IDictionary<string, string> data)
    {
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        if (data.TryGetValue(FilesKey, out var json) && json.Length > 0)
        {
            foreach (var entry in System.Text.Json.JsonSerializer.Deserialize<string[][]>(json) ?? [])
            {
                files[entry[0]] = new SourceFile(entry[0], long.Parse(entry[1]), long.Parse(entry[2]));
            }
        }
        return new IndexCommitData(
            data.TryGetValue(SchemaKey, out var schema) ? schema : string.Empty,
            files,
            data.TryGetValue(SequenceKey, out var seq) && long.TryParse(seq, out var next) ? next : 0);
    }

    public Dictionary<string, string> ToUserData() => new(StringComparer.Ordinal)
    {
        [SchemaKey] = Schema,
        [FilesKey] = System.Text.Json.JsonSerializer.Serialize(
            Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new[] { f.Path, f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), f.ModifiedTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) })),
        [SequenceKey] = NextSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
