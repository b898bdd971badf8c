using Bot.Core.Chunking;
using Bot.Core.Search;

namespace Bot.Core.Answering;

/// <summary>How much of a question's key content a sentence, its passage and its article carry.</summary>
/// <param name="Sentence">Weighted share of the key content in the sentence itself.</param>
/// <param name="Article">Weighted share in the sentence's whole article (title included).</param>
/// <param name="Missing">Weighted share of the key content that occurs nowhere in the archive.</param>
/// <param name="LooseSentence">As <paramref name="Sentence"/>, also counting near spellings of a term (<see cref="KeyContent.LooseCoverage"/>).</param>
/// <param name="LooseArticle">As <paramref name="Article"/>, also counting near spellings.</param>
internal readonly record struct Support(double Sentence, double Article, double Missing, double LooseSentence, double LooseArticle)
{
    /// <summary>Weighted share of the key content in the sentence's passage, near spellings counted.</summary>
    public double LoosePassage { get; init; } = 1;

    /// <summary>True when every number (year, count) the question names occurs in the sentence itself.</summary>
    public bool HasNumbers { get; init; } = true;

    /// <summary>True when the relation the question asks about (its first content term) occurs in the sentence.</summary>
    public bool HasHead { get; init; } = true;

    /// <summary>True when the sentence's passage holds every number the question names.</summary>
    public bool PassageHasNumbers { get; init; } = true;

    /// <summary>
    /// Worth quoting as the closest the articles come (a tentative answer): the passage holds the question's numbers and
    /// a fair share of its key content, the sentence a third of it, and at most half of the question is unknown to the
    /// archive. Other words for the relation (عدوان for اعتداء, التقى for زار) do not refuse an answer here; they only
    /// keep it from being firm.
    /// Requiring the question's rarest name in the passage instead was measured and dropped: on XQuAD-ar's paraphrased
    /// questions it refused 17 % of the answerable ones (useful 0.717) where the passage share refuses 6 % (0.796). So was
    /// requiring the relation word of «ما هي/كم عدد…» in the passage when the archive uses it: useful 0.739. Adding «the
    /// article holds half the key content» moves along the same curve (false tentative 0.086, useful 0.735).
    /// </summary>
    public bool IsRelevant => PassageHasNumbers && LoosePassage >= AnswerSupport.MinRelevantPassage && Missing <= AnswerSupport.MaxRelevantMissing
                              && LooseSentence >= AnswerSupport.MinRelevantSentence;

    /// <summary>
    /// A firm answer: enough (<see cref="IsEnough"/>), carrying three quarters of the key content, and holding the
    /// question's two rarest terms itself. On the SaudiNewsNet set this takes false firm answers from 0.317 to 0.117.
    /// </summary>
    public bool IsFirm => IsEnough && !IsThin && SentenceHasAnchors;

    /// <summary>Below this share of the key content (near spellings counted) a quotable sentence's support is thin (tentative).</summary>
    internal const double ThinSentenceShare = 0.75;

    /// <summary>True when the sentence itself holds the question's rarest names (<see cref="KeyContent.HasAnchors"/>).</summary>
    public bool SentenceHasAnchors { get; init; } = true;

    /// <summary>Enough to quote, but thin: the sentence carries under <see cref="ThinSentenceShare"/> of the question's key content.</summary>
    public bool IsThin => LooseSentence < ThinSentenceShare;

    /// <summary>
    /// Enough when the sentence carries a fair share of the key content and every number the question names, its passage
    /// half and its article most of the key content, and not too much of the question is unknown to the archive. Chosen
    /// on XQuAD-ar with each question's article removed (eval --unanswerable) and the SaudiNewsNet question set
    /// (eval/saudinewsnet-questions.jsonl).
    /// </summary>
    public bool IsEnough => HasNumbers && HasHead && LooseSentence >= AnswerSupport.MinSentenceShare
                            && LoosePassage >= AnswerSupport.MinPassageShare && LooseArticle >= AnswerSupport.MinArticleShare
                            && Missing <= AnswerSupport.MaxMissingShare;
}

/// <summary>
/// Decides whether a text answers a question from the articles' point of view: the sentence must carry enough of the
/// question's key content (<see cref="KeyContent"/>) and its article must carry most of it, so one shared generic word
/// is never enough and a name the archive has never seen decides the matter. Used by the offline answerer to choose
/// sentences and by the model path to decide which passages may be offered as support and whether an answer stands.
/// </summary>
internal sealed class AnswerSupport(TermStatistics statistics, IArticleCatalog catalog) : ISupportCheck
{
    /// <summary>Share of the key content the answering sentence itself must carry.</summary>
    internal const double MinSentenceShare = 0.30;

    /// <summary>Share of the key content the answering sentence's article must carry.</summary>
    internal const double MinArticleShare = 0.50;

    /// <summary>
    /// Share of the key content the answering sentence's passage must carry: a long news article names almost anything
    /// somewhere, so «عاصمة» in one paragraph and «اليابان» three paragraphs later is not an answer. With the reranked
    /// search (which finds such articles) this keeps XQuAD-ar's false answers at 4.2 % (5.0 % without) for half a point
    /// of containment, and SaudiNewsNet's at 0.517 (0.567 without).
    /// </summary>
    internal const double MinPassageShare = 0.50;

    /// <summary>
    /// Above this share of the key content unknown to the archive, not even a tentative answer: «كم عدد سكان البرازيل؟»
    /// over articles that never name Brazil. On XQuAD-ar 0.4 / 0.5 / 0.6 give false tentative answers 0.293 / 0.322 / 0.355
    /// and useful answers 0.788 / 0.796 / 0.799; 0.4 refuses «كم عدد الاعتداءات…» on the seeds (اعتداء is not in them).
    /// </summary>
    internal const double MaxRelevantMissing = 0.5;

    /// <summary>
    /// Share of the key content a tentative answer's passage must carry. On XQuAD-ar (eval --unanswerable) 0.25 / 0.30 /
    /// 0.35 / 0.50 give false tentative answers 0.486 / 0.345 / 0.239 / 0.067 and useful answers 0.804 / 0.799 / 0.789 / 0.729.
    /// </summary>
    internal const double MinRelevantPassage = 0.30;

    /// <summary>
    /// Share of the key content the quoted closest sentence itself must carry (near spellings and roots counted). With
    /// tentative answers of three sentences, on XQuAD-ar (eval --unanswerable) no floor / 0.30 / 0.33 / 0.35 / 0.40 give
    /// false tentative answers 0.367 / 0.279 / 0.225 / 0.195 / 0.142 and useful answers 0.848 / 0.839 / 0.832 / 0.825 / 0.803.
    /// </summary>
    internal const double MinRelevantSentence = 0.33;

    /// <summary>Above this share of the key content unknown to the archive, nothing answers the question.</summary>
    internal const double MaxMissingShare = 0.60;

    // «ما هي عاصمة…», «من هو مؤلف…», «كم عدد سكان…», «كم يبلغ ارتفاع…»: the noun after these names the relation asked about.
    private static readonly System.Text.RegularExpressions.Regex RelationForm = new(
        @"^\s*[وف]?(?:(?:ما|من)\s+(?:هو|هي|هم)|كم\s+(?:عدد|يبلغ|تبلغ|بلغ|بلغت|كان|كانت)|ما\s+اسم)\s",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>True for a question of the form «ما هي/من هو/كم عدد …», whose first content term is the relation it asks about.</summary>
    internal static bool AsksForRelation(string question) => RelationForm.IsMatch(Arabic.ArabicNormalizer.Normalize(question));

    /// <summary>The question's distinct stemmed terms, each as the archive spells it (<see cref="TermStatistics.AsArchiveSpellsAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> QuestionTermsAsync(string question, CancellationToken cancellationToken) =>
        await statistics.AsArchiveSpellsAsync(ArabicSearchAnalyzer.Instance.Terms(question).Distinct(StringComparer.Ordinal).ToList(), cancellationToken)
            .ConfigureAwait(false);

    internal async Task<KeyContent> KeyContentAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var info = await statistics.LookupAsync(terms, cancellationToken).ConfigureAwait(false);
        var maxIdf = await statistics.MaxIdfAsync(cancellationToken).ConfigureAwait(false);
        return KeyContent.From(terms, info, maxIdf);
    }

    /// <summary>A cache of analysed article terms for one question.</summary>
    internal sealed class ArticleTerms(IArticleCatalog catalog)
    {
        private readonly Dictionary<string, IReadOnlySet<string>> _terms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlySet<string>> _passages = new(StringComparer.Ordinal);

        public IReadOnlySet<string> OfPassage(Passage passage)
        {
            if (!_passages.TryGetValue(passage.Id, out var stems))
            {
                _passages[passage.Id] = stems = Stems(passage.Text);
            }
            return stems;
        }

        public async Task<IReadOnlySet<string>> OfAsync(string articleId, CancellationToken cancellationToken)
        {
            if (_terms.TryGetValue(articleId, out var cached))
            {
                return cached;
            }
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (await catalog.GetAsync(articleId, cancellationToken).ConfigureAwait(false) is { } article)
            {
                set.UnionWith(Stems(article.Title));
            }
            foreach (var passage in await catalog.GetPassagesAsync(articleId, cancellationToken).ConfigureAwait(false))
            {
                set.UnionWith(Stems(passage.Text));
            }
            _terms[articleId] = set;
            return set;
        }
    }

    internal ArticleTerms NewArticleCache() => new(catalog);

    /// <summary>
    /// The passages that may be offered to a model as support: a sentence of the passage carries enough key content and
    /// the passage's article most of it. Order kept; empty when nothing supports an answer.
    /// </summary>
    public async Task<IReadOnlyList<RankedPassage>> SupportingAsync(
        string query, IReadOnlyList<RankedPassage> passages, bool requireRelation, CancellationToken cancellationToken)
    {
        var relation = requireRelation && AsksForRelation(query);
        var key = await KeyContentAsync(await QuestionTermsAsync(query, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        var articles = NewArticleCache();
        var kept = new List<RankedPassage>();
        foreach (var passage in passages)
        {
            foreach (var sentence in Arabic.SentenceSplitter.Split(passage.Passage.Text))
            {
                if ((await CheckAsync(key, sentence, passage.Passage, articles, cancellationToken, relation).ConfigureAwait(false)).IsEnough)
                {
                    kept.Add(passage with { Rank = kept.Count + 1 });
                    break;
                }
            }
        }
        return kept;
    }

    /// <summary>True when the quoted source sentences, together, carry the share of key content one answering sentence must.</summary>
    public async Task<bool> QuotesCarryAsync(string query, IEnumerable<string> quotes, CancellationToken cancellationToken)
    {
        var key = await KeyContentAsync(await QuestionTermsAsync(query, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        var stems = Stems(string.Join(' ', quotes));
        return key.HasNumbers(stems) && key.LooseCoverage(stems) >= MinSentenceShare && key.MissingShare <= MaxMissingShare;
    }

    /// <summary>How much of the key content a sentence of <paramref name="passage"/>, the passage and its article carry.</summary>
    internal static async Task<Support> CheckAsync(
        KeyContent key, string sentence, Passage passage, ArticleTerms articles, CancellationToken cancellationToken, bool relation = false)
    {
        var inSentence = Stems(sentence);
        var inArticle = await articles.OfAsync(passage.ArticleId, cancellationToken).ConfigureAwait(false);
        var inPassage = articles.OfPassage(passage);
        return new Support(key.Coverage(inSentence), key.Coverage(inArticle), key.MissingShare, key.LooseCoverage(inSentence), key.LooseCoverage(inArticle))
        {
            LoosePassage = key.LooseCoverage(inPassage),
            PassageHasNumbers = key.HasNumbers(inPassage),
            SentenceHasAnchors = key.HasAnchors(inSentence, KeyContent.FirmAnchorCount),
            HasNumbers = key.HasNumbers(inSentence),
            HasHead = !relation || key.HasHead(inSentence),
        };
    }

    /// <summary>Stems of a text, each also under the stem it is an attached-preposition or tanween form of.</summary>
    internal static HashSet<string> Stems(string text) => Stems(ArabicSearchAnalyzer.Instance.Terms(text));

    internal static HashSet<string> Stems(IEnumerable<string> analysed)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in analysed)
        {
            set.Add(term);
            foreach (var bare in Bare(term))
            {
                set.Add(bare);
            }
        }
        return set;
    }

    // The inverse of TermVariants: «بكلفة» also stands for «كلفة», «جديدا» for «جديد».
    private static IEnumerable<string> Bare(string term)
    {
        var withoutPrefix = term.Length > 3 && term[0] is 'ب' or 'ل' or 'ك' or 'ف' ? term[1..] : null;
        if (withoutPrefix is not null)
        {
            yield return withoutPrefix;
        }
        foreach (var form in new[] { term, withoutPrefix })
        {
            if (form is { Length: > 3 } && form.EndsWith('ا'))
            {
                yield return form[..^1];
            }
        }
    }
}
