using Bot.Core.Arabic;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Core.Search;

/// <summary>
/// One opened point-in-time view of the index: the Lucene reader and lookups served from it. Nothing of the archive
/// is held in memory beyond what Lucene keeps and two size-limited caches (recently read articles, the spellings of
/// recent terms); passages are cut again from their article's stored text (the chunker is deterministic), so text is
/// stored once.
/// </summary>
internal sealed partial class IndexSnapshot : IDisposable
{
    /// <summary>Articles (with their passages) kept read: the few a conversation keeps returning to, not the archive.</summary>
    private const int CachedArticles = 256;

    /// <summary>Terms whose spellings in the index are kept (a few bytes each).</summary>
    private const int CachedVariants = 20_000;

    /// <summary>
    /// Document frequencies kept (a few dozen bytes each): every question looks up its terms, their verb forms and
    /// attached-preposition forms in two fields, a dictionary seek per segment each, and common words recur.
    /// </summary>
    private const int CachedDocFreqs = 50_000;

    private static readonly Query ArticleDocuments = new TermQuery(new Term(IndexFields.Kind, IndexFields.ArticleKind));

    private readonly PassageChunker _chunker;
    private readonly MemoryCache _articles = new(new MemoryCacheOptions { SizeLimit = CachedArticles });
    private readonly MemoryCache _variants = new(new MemoryCacheOptions { SizeLimit = CachedVariants });
    private readonly MemoryCache _docFreqs = new(new MemoryCacheOptions { SizeLimit = CachedDocFreqs });
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

    private FixedBitSet[]? _articleDocs;

    /// <summary>
    /// The article document of a passage: each article is indexed as one block, its passages then itself, and blocks
    /// stay whole through merges, so it is the next article document after the passage.
    /// </summary>
    public int ArticleDocAfter(int passageDoc)
    {
        var bits = LazyInitializer.EnsureInitialized(ref _articleDocs, MarkArticleDocs);
        var leaves = Reader.Leaves;
        var leaf = ReaderUtil.SubIndex(passageDoc, leaves);
        var next = bits[leaf].NextSetBit(passageDoc - leaves[leaf].DocBase);
        return next < 0 ? -1 : next + leaves[leaf].DocBase;
    }

    private FixedBitSet[] MarkArticleDocs() => Reader.Leaves.Select(leaf =>
    {
        var bits = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(IndexFields.Kind, IndexFields.ArticleKind));
        if (docs is not null)
        {
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                bits.Set(doc);
            }
        }
        return bits;
    }).ToArray();

    /// <summary>The article document of an id, or -1.</summary>
    public int ArticleDoc(string id)
    {
        var hits = Searcher.Search(new TermQuery(new Term(IndexFields.ArticleKey, id)), 1).ScoreDocs;
        return hits.Length == 0 ? -1 : hits[0].Doc;
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

    /// <summary>
    /// The attached-preposition and tanween forms of a stemmed term (<see cref="TermVariants"/>) that occur in the index,
    /// remembered for this view: most forms never occur, and a query that asks for them all pays a dictionary seek per form
    /// and segment on every search.
    /// </summary>
    public IReadOnlyList<string> VariantsInIndex(string term)
    {
        if (_variants.TryGetValue(term, out string[]? known))
        {
            return known!;
        }
        var found = TermVariants.Of(term).Skip(1).Where(form => DocFreq(IndexFields.Text, form) > 0).ToArray();
        return _variants.Set(term, found, OneEntry);
    }

    /// <summary>How many documents hold <paramref name="term"/> in <paramref name="field"/>, remembered for this view.</summary>
    public int DocFreq(string field, string term)
    {
        var key = (field, term);
        if (_docFreqs.TryGetValue(key, out int known))
        {
            return known;
        }
        return _docFreqs.Set(key, Reader.DocFreq(new Term(field, term)), OneEntry);
    }

    /// <summary>BM25's inverse document frequency of a stemmed term over passages.</summary>
    public double Idf(string term)
    {
        var n = PassageCount;
        var df = DocFreq(IndexFields.Text, term);
        return Math.Log(1 + (n - df + 0.5) / (df + 0.5));
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

    /// <summary>A passage whose article document a search already found (no lookup by id).</summary>
    public Passage? Passage(string articleId, int ordinal, int articleDoc)
    {
        var passages = Load(articleId, articleDoc)?.Passages ?? [];
        return ordinal >= 1 && ordinal <= passages.Count ? passages[ordinal - 1] : null;
    }

    private (Article Article, IReadOnlyList<Passage> Passages)? Load(string id, int? knownDoc = null)
    {
        if (_articles.TryGetValue(id, out (Article Article, IReadOnlyList<Passage> Passages) cached))
        {
            return cached;
        }
        var doc = knownDoc ?? ArticleDoc(id);
        if (doc < 0)
        {
            return null;
        }
        var article = IndexSchema.ReadArticle(Searcher.Doc(doc));
        return _articles.Set<(Article Article, IReadOnlyList<Passage> Passages)>(id, (article, _chunker.Chunk(article)), OneEntry);
    }

    /// <summary>Each entry counts one towards its cache's size limit; past it the least recently used go first.</summary>
    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };

    /// <summary>Gives back this view's reference to the reader; searches still running on it keep theirs (and the caches, which hold only memory).</summary>
    public void Dispose() => Reader.DecRef();
}
