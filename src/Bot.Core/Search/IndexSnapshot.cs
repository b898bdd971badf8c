using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Bot.Core.Search;

/// <summary>One opened, immutable generation of the index: the Lucene reader plus the articles and passages it holds.</summary>
internal sealed class IndexSnapshot : IDisposable
{
    private readonly Dictionary<string, Article> _articles;
    private readonly Dictionary<string, Passage> _passages;
    private readonly Dictionary<string, IReadOnlyList<Passage>> _passagesByArticle;

    public IndexSnapshot(DirectoryReader reader, StoredCorpus corpus, IndexManifest manifest, string folder)
    {
        Reader = reader;
        Searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        Manifest = manifest;
        Folder = folder;
        Articles = corpus.Articles;
        _articles = corpus.Articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _passages = corpus.Passages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _passagesByArticle = corpus.Passages
            .GroupBy(p => p.ArticleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Passage>)g.OrderBy(p => p.Ordinal).ToList(), StringComparer.Ordinal);
        PassageCount = corpus.Passages.Count;
    }

    public DirectoryReader Reader { get; }
    public IndexSearcher Searcher { get; }
    public IndexManifest Manifest { get; }
    public string Folder { get; }
    public IReadOnlyList<Article> Articles { get; }
    public int PassageCount { get; }

    public Article? Article(string id) => _articles.GetValueOrDefault(id);

    private IReadOnlyList<ArticleInfo>? _list;

    /// <summary>
    /// The numbered article list, newest first (undated last, in source order); built once per generation, so
    /// «/summary 2» means the same article for as long as the generation is live.
    /// </summary>
    public IReadOnlyList<ArticleInfo> ArticleList => LazyInitializer.EnsureInitialized(ref _list, () =>
        Articles
            .Select((article, order) => (article, order))
            .OrderBy(x => x.article.Date is null)
            .ThenByDescending(x => x.article.Date)
            .ThenBy(x => x.order)
            .Select((x, i) => new ArticleInfo(i + 1, x.article.Id, x.article.Title, x.article.Date, PassagesOf(x.article.Id).Count))
            .ToList());

    public Passage? Passage(string id) => _passages.GetValueOrDefault(id);

    public IReadOnlyList<Passage> PassagesOf(string articleId) => _passagesByArticle.GetValueOrDefault(articleId) ?? [];

    /// <summary>BM25's inverse document frequency of a stemmed term over passages.</summary>
    public double Idf(string term)
    {
        var n = Reader.NumDocs;
        var df = Reader.DocFreq(new Term(IndexFields.Text, term));
        return Math.Log(1 + (n - df + 0.5) / (df + 0.5));
    }

    public void Dispose() => Reader.DecRef();
}

/// <summary>Field names of a passage document.</summary>
internal static class IndexFields
{
    public const string PassageId = "id";
    public const string ArticleId = "article";
    public const string Text = "text";
    public const string Title = "title";

    /// <summary>The whole article's text, so a passage also matches on its article's context.</summary>
    public const string Context = "context";
}
