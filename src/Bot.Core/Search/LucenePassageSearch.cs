using Bot.Core.Configuration;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace Bot.Core.Search;

/// <summary>
/// BM25 over passages, with three more lexical signals: the exact (unstemmed) forms of the query's words, pairs of
/// them standing close together in the passage (wording kept), and the article's headline; the best candidates are
/// then read again as text and reordered (<see cref="CandidateReranker"/>). Copies of one story from several outlets
/// are folded into the best-ranked one.
/// </summary>
internal sealed class LucenePassageSearch(ArticleIndex index, IOptions<SearchOptions> options) : IPassageSearch, IRetriever
{
    internal const float TitleBoost = 1.5f;
    internal const float ArticleWeight = 0.5f;
    internal const float VariantBoost = 0.5f;
    internal const float ExactBoost = 0.3f;
    internal const float PairBoost = 0.6f;
    internal const float SpellingBoost = 0.8f;
    private const int MaxSpellings = 3;
    private const int PairSlop = 2;

    // Candidates re-ranked with their article's score; more than k so the article signal can reorder them.
    private const int Candidates = 50;
    private const int ArticleCandidates = 50;

    // Long inputs are rejected before search; this only bounds the query's size.
    private const int MaxQueryTerms = 64;

    public string Name => "bm25";

    public bool IsAvailable => true;

    public Task<IReadOnlyList<RankedPassage>> RetrieveAsync(string query, int k, CancellationToken cancellationToken) =>
        SearchAsync(query, k, cancellationToken);

    public Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, CancellationToken cancellationToken) =>
        SearchAsync(query, k, expandSpellings: false, cancellationToken);

    /// <param name="expandSpellings">
    /// Also match each query word's other spellings in the index (<see cref="TermNgrams"/>), weighted by similarity.
    /// </param>
    public async Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int k, bool expandSpellings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var analyzed = AnalyzedText.Of(query);
        var words = analyzed.Stems.Take(MaxQueryTerms).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var exact = analyzed.ExactTerms().Take(MaxQueryTerms).ToList();

        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        var searcher = snapshot.Searcher;
        var passageQuery = PassageQuery(words, exact, snapshot.VariantsInIndex);
        if (expandSpellings)
        {
            AddSpellings((BooleanQuery)passageQuery, words, snapshot.Ngrams);
        }
        var hits = searcher.Search(passageQuery, Math.Max(k, Candidates)).ScoreDocs;
        if (hits.Length == 0)
        {
            return [];
        }

        var articleScores = new Dictionary<int, float>();
        foreach (var hit in searcher.Search(ArticleQuery(words), ArticleCandidates).ScoreDocs)
        {
            articleScores[hit.Doc] = hit.Score;
        }

        var leaves = snapshot.Reader.Leaves;
        var bytes = new Lucene.Net.Util.BytesRef();
        var ranked = new List<(string ArticleId, int Ordinal, float Score)>(hits.Length);
        var articleDocs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var local = hit.Doc - leaf.DocBase;
            var reader = leaf.AtomicReader;
            reader.GetSortedDocValues(IndexFields.ArticleId).Get(local, bytes);
            var articleId = bytes.Utf8ToString();
            var ordinal = (int)reader.GetNumericDocValues(IndexFields.Ordinal).Get(local);
            if (!articleDocs.TryGetValue(articleId, out var articleDoc))
            {
                articleDoc = snapshot.ArticleDocAfter(hit.Doc);
                articleDocs[articleId] = articleDoc;
            }
            ranked.Add((articleId, ordinal, hit.Score + ArticleWeight * articleScores.GetValueOrDefault(articleDoc)));
        }

        var ordered = CandidateReranker.Rerank(
            snapshot, new RerankQuery(words, exact, snapshot.Idf), ranked.OrderByDescending(r => r.Score).ToList(), articleDocs,
            options.Value.RerankDepth, cancellationToken);
        return Fold(snapshot, ordered, articleDocs, k);
    }

    /// <summary>
    /// The k best passages, each story once: an article whose wording matches a better-ranked article's
    /// (<see cref="StorySignature"/>) is folded into it and named in its <see cref="RankedPassage.AlsoPublishedIn"/>.
    /// </summary>
    private static List<RankedPassage> Fold(
        IndexSnapshot snapshot, IEnumerable<(string ArticleId, int Ordinal, float Score)> ranked, Dictionary<string, int> articleDocs, int k)
    {
        var stories = new List<(string ArticleId, byte[] Signature, DateOnly? Date, List<string> Copies)>();
        var storyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var picked = new List<(string ArticleId, int Ordinal, float Score)>(k);
        foreach (var candidate in ranked)
        {
            if (!storyOf.TryGetValue(candidate.ArticleId, out var story))
            {
                var doc = articleDocs[candidate.ArticleId];
                var signature = snapshot.StorySignatureOf(doc);
                var date = snapshot.DateOf(doc);
                story = stories.FindIndex(s => StorySignature.Similarity(s.Signature, signature) >= StorySignature.SameStory
                                               && StorySignature.CloseInTime(s.Date, date));
                if (story < 0)
                {
                    stories.Add((candidate.ArticleId, signature, date, []));
                    story = stories.Count - 1;
                }
                else
                {
                    stories[story].Copies.Add(candidate.ArticleId);
                }
                storyOf[candidate.ArticleId] = story;
            }
            if (stories[story].ArticleId == candidate.ArticleId && picked.Count < k)
            {
                picked.Add(candidate);
            }
        }

        var results = new List<RankedPassage>(picked.Count);
        foreach (var (articleId, ordinal, score) in picked)
        {
            if (snapshot.Passage(articleId, ordinal, articleDocs[articleId]) is { } passage)
            {
                results.Add(new RankedPassage(results.Count + 1, passage, score, stories[storyOf[articleId]].Copies));
            }
        }
        return results;
    }

    /// <param name="words">The query's stemmed words in order (repeats kept).</param>
    /// <param name="exact">The query's words as <see cref="AnalyzedText.ExactTerms"/> gives them.</param>
    /// <param name="variantsInIndex">The attached-preposition and tanween forms of a stemmed word that the index holds.</param>
    internal static Query PassageQuery(IReadOnlyList<string> words, IReadOnlyList<string> exact, Func<string, IReadOnlyList<string>> variantsInIndex)
    {
        var query = new BooleanQuery();
        foreach (var term in words.Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(IndexFields.Text, term)), Occur.SHOULD);

            // Attached-preposition and tanween forms count too, but less, and at most once per term.
            var variants = new DisjunctionMaxQuery(0f);
            foreach (var form in variantsInIndex(term))
            {
                variants.Add(new TermQuery(new Term(IndexFields.Text, form)));
            }
            if (variants.Disjuncts.Count > 0)
            {
                variants.Boost = VariantBoost;
                query.Add(variants, Occur.SHOULD);
            }
        }
        // Words as written: only those the stemmer changes have an exact form of their own.
        foreach (var form in exact.Where(f => f[0] == AnalyzedText.ExactMarker).Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(IndexFields.Exact, form)) { Boost = ExactBoost }, Occur.SHOULD);
        }
        // Neighbouring query words close together in the passage: the wording, not just the topic.
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == words[i + 1])
            {
                continue;
            }
            var pair = new PhraseQuery { Slop = PairSlop, Boost = PairBoost };
            pair.Add(new Term(IndexFields.Text, words[i]));
            pair.Add(new Term(IndexFields.Text, words[i + 1]));
            query.Add(pair, Occur.SHOULD);
        }
        return query;
    }

    /// <summary>Other spellings of each query word found in the index, each weighted by how alike the two are.</summary>
    private static void AddSpellings(BooleanQuery query, IReadOnlyList<string> words, TermNgrams ngrams)
    {
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            var spellings = new DisjunctionMaxQuery(0f);
            foreach (var (similar, similarity) in ngrams.Similar(word, MaxSpellings))
            {
                spellings.Add(new TermQuery(new Term(IndexFields.Text, similar)) { Boost = (float)similarity });
            }
            if (spellings.Disjuncts.Count > 0)
            {
                spellings.Boost = SpellingBoost;
                query.Add(spellings, Occur.SHOULD);
            }
        }
    }

    /// <summary>The article as a whole: its headline.</summary>
    private static Query ArticleQuery(IReadOnlyList<string> words)
    {
        var query = new BooleanQuery();
        foreach (var term in words.Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(IndexFields.ArticleTitle, term)) { Boost = TitleBoost }, Occur.SHOULD);
        }
        return query;
    }
}
