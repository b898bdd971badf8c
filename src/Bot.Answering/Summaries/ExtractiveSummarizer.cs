using Bot.Core.Answering;
using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Search;
using Microsoft.Extensions.Options;

namespace Bot.Core.Summaries;

/// <summary>
/// Offline summaries. An article with its own human summary gets that (kind <c>publisher</c>); otherwise TextRank
/// picks 3–5 central sentences, shown in article order, each citing its passage. Topic summaries rank the
/// sentences of retrieved passages the same way the extractive answerer does.
/// </summary>
public sealed class ExtractiveSummarizer(
    IArticleCatalog catalog,
    IPassageSearch search,
    TermStatistics statistics,
    IOptions<AnswerOptions> options) : ISummarizer
{
    internal const int MinSentences = 3;
    internal const int MaxSentences = 5;
    // Measured on EASC: news puts its substance first, so the walk restarts mostly at the lead.
    internal const double LeadBias = 0.9;
    private const int MinSentenceWords = 5;
    private const int TopicPassages = 8;

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
        var picked = Pick(sentences.Select(s => s.text).ToList(), SentenceCount(sentences.Count));

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
            .Take(MaxSentences)
            .OrderBy(s => s.Source.Rank).ThenBy(s => s.Position)
            .ToList();

        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var draft = best.Select(s => ExtractiveAnswerer.WithCitation(s.Text, s.Source.Rank)).ToList();
        return Cite(string.Empty, topic, null, Summary.ExtractiveKind, draft, sources);
    }

    /// <summary>Indices of the chosen sentences, in article order.</summary>
    internal static IReadOnlyList<int> Pick(IReadOnlyList<string> sentences, int count)
    {
        var terms = sentences.Select(s => (IReadOnlyList<string>)ArabicSearchAnalyzer.Instance.Terms(s)).ToList();
        var scores = TextRank.Rank(terms, LeadBias);
        return Enumerable.Range(0, sentences.Count)
            .Where(i => SentenceSplitter.Words(sentences[i]).Count >= MinSentenceWords || sentences.Count <= count)
            .OrderByDescending(i => scores[i])
            .DistinctBy(i => ArabicNormalizer.Normalize(sentences[i]))
            .Take(count)
            .Order()
            .ToList();
    }

    /// <summary>3 sentences for short articles, up to 5 for long ones (about a third of the sentences, as human summaries of news are).</summary>
    internal static int SentenceCount(int sentences) => Math.Clamp(sentences / 3, MinSentences, MaxSentences);

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
