using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Search;
using Microsoft.Extensions.Options;

namespace Bot.Core.Summaries;

/// <summary>
/// Offline summaries. An article with its own human summary gets that (kind <c>publisher</c>); otherwise TextRank
/// picks central sentences up to about half the article's words (3 to 12), shown in article order, each citing its passage. Topic summaries rank the
/// sentences of retrieved passages the same way the extractive answerer does.
/// </summary>
internal sealed class ExtractiveSummarizer(
    IArticleCatalog catalog,
    IPassageSearch search,
    TermStatistics statistics,
    IOptions<AnswerOptions> options) : ISummarizer
{
    // Measured on EASC (ROUGE-1, Lead-3 0.639): 3–5 sentences 0.646; a word budget of 40 % 0.650, 55 % 0.661; with
    // repeated sentences skipped 0.666. Boosting sentences with numbers or quotations lowered it (0.661 at ×1.2).
    internal const int MinSentences = 3;
    internal const int MaxSentences = 12;
    // News puts its substance first, so the walk restarts mostly at the lead.
    internal const double LeadBias = 0.9;
    /// <summary>Human summaries of these articles hold about half of their words.</summary>
    internal const double WordShare = 0.55;
    /// <summary>A sentence with this share of its stems already said repeats an earlier one.</summary>
    internal const double Redundant = 0.6;
    /// <summary>Score factor of furniture (font controls, share lines, tag lists).</summary>
    internal const double Furniture = 0.1;
    private const int MinSentenceWords = 5;
    private const int TopicPassages = 8;
    private const int TopicSentences = 5;

    public async Task<Summary?> SummarizeAsync(string articleId, CancellationToken cancellationToken)
    {
        var article = await catalog.GetAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return null;
        }
        if (article.HasPublisherSummary)
        {
            return new Summary(article.Id, article.Title, article.Date, Summary.PublisherKind, article.PublisherSummary, []);
        }

        var passages = await catalog.GetPassagesAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var sentences = passages
            .SelectMany(p => SentenceSplitter.Split(p.Text).Select(text => (text, passage: p)))
            .ToList();
        var picked = Pick(sentences.Select(s => s.text).ToList());

        var sources = passages.Select(p => new SourcePassage(article.Id, article.Title, article.Date, p.Id, p.Text)).ToList();
        var draft = picked.Select(i => ExtractiveAnswerer.WithCitation(
            sentences[i].text, sentences[i].passage.Ordinal)).ToList();
        return Cite(article.Id, article.Title, article.Date, Summary.ExtractiveKind, draft, sources);
    }

    public async Task<Summary> SummarizeTopicAsync(string topic, CancellationToken cancellationToken)
    {
        var guarded = QuestionGuard.Check(topic, options.Value.MaxQuestionLength);
        var passages = guarded.IsRejected
            ? []
            : await search.SearchAsync(guarded.Text, TopicPassages, cancellationToken).ConfigureAwait(false);
        if (passages.Count == 0)
        {
            return new Summary(string.Empty, topic, null, Summary.ExtractiveKind, [guarded.Rejection ?? ArabicMessages.NotFound], []);
        }

        var terms = ArabicSearchAnalyzer.Instance.Terms(guarded.Text).Distinct(StringComparer.Ordinal).ToList();
        var idf = await statistics.IdfAsync(terms, cancellationToken).ConfigureAwait(false);
        var best = new SentenceScorer(terms, idf, QuestionKind.Other).Score(passages)
            .Where(s => s.Coverage > 0)
            .OrderByDescending(s => s.Score)
            .DistinctBy(s => ArabicNormalizer.Normalize(s.Text))
            .Take(TopicSentences)
            .OrderBy(s => s.Source.Rank).ThenBy(s => s.Position)
            .ToList();

        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var draft = best.Select(s => ExtractiveAnswerer.WithCitation(s.Text, s.Source.Rank)).ToList();
        return Cite(string.Empty, topic, null, Summary.ExtractiveKind, draft, sources);
    }

    /// <summary>
    /// Indices of the chosen sentences, in article order: the most central ones (TextRank with a lead bias; furniture such
    /// as font controls and tag lists pushed down, <see cref="NewsText"/>), skipping any that repeats what is already
    /// chosen, until they hold <see cref="WordShare"/> of the article's words, between <see cref="MinSentences"/> and
    /// <see cref="MaxSentences"/> sentences.
    /// </summary>
    internal static IReadOnlyList<int> Pick(IReadOnlyList<string> sentences)
    {
        var terms = sentences.Select(s => (IReadOnlyList<string>)ArabicSearchAnalyzer.Instance.Terms(s)).ToList();
        var scores = TextRank.Rank(terms, LeadBias);
        var words = sentences.Select(s => SentenceSplitter.Words(s).Count).ToList();
        var budget = WordShare * words.Sum();
        var eligible = Enumerable.Range(0, sentences.Count)
            .Where(i => words[i] >= MinSentenceWords || sentences.Count <= MinSentences)
            .Select(i => (Index: i, Score: scores[i] * Structure(sentences[i])))
            .OrderByDescending(s => s.Score)
            .DistinctBy(s => ArabicNormalizer.Normalize(sentences[s.Index]))
            .ToList();
        var chosen = new List<int>();
        var said = new HashSet<string>(StringComparer.Ordinal);
        var taken = 0;
        foreach (var (index, _) in eligible)
        {
            if (chosen.Count >= MaxSentences || (chosen.Count >= MinSentences && taken >= budget))
            {
                break;
            }
            // A sentence whose words are mostly said already repeats an earlier one (texts compiled from several sources).
            var own = terms[index].Distinct(StringComparer.Ordinal).ToList();
            if (own.Count > 0 && own.Count(said.Contains) >= Redundant * own.Count)
            {
                continue;
            }
            chosen.Add(index);
            said.UnionWith(own);
            taken += words[index];
        }
        return chosen.Order().ToList();
    }

    /// <summary>Furniture (a short line that is not a story sentence) scores a tenth of its centrality.</summary>
    private static double Structure(string sentence) =>
        !NewsText.IsStorySentence(NewsText.Clean(sentence)) && SentenceSplitter.Words(sentence).Count < MinSentenceWords * 2 ? Furniture : 1;

    /// <summary>Renumbers the sentences' passage marks as citations in order of first use.</summary>
    private static Summary Cite(
        string articleId, string title, DateOnly? date, string kind, IReadOnlyList<string> draft, IReadOnlyList<SourcePassage> sources)
    {
        const string separator = "\n";
        var cited = CitationValidator.Resolve(string.Join(separator, draft), sources);
        var sentences = cited.Text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Summary(articleId, title, date, kind, sentences, cited.Citations);
    }
}
