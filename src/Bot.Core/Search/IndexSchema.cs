using Bot.Core.Arabic;
using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Bot.Core.Search;

/// <summary>Field names. One article is a block of passage documents followed by one article document.</summary>
internal static class IndexFields
{
    public const string Kind = "kind";
    public const string PassageKind = "p";
    public const string ArticleKind = "a";

    /// <summary>Article id on every document of the block: updates and deletes go by it.</summary>
    public const string ArticleId = "aid";

    /// <summary>Article id on the article document only: lookups by id.</summary>
    public const string ArticleKey = "akey";

    /// <summary>Source file on every document: a changed or removed file replaces or deletes its articles.</summary>
    public const string File = "file";

    // Passage documents.
    public const string Ordinal = "n";

    /// <summary>Passage words: stemmed terms, each with its exact form at the same position (<see cref="ExactFormFilter"/>).</summary>
    public const string Text = "text";

    /// <summary>The article's title on each passage, so a passage matches on its headline too.</summary>
    public const string Title = "title";

    // Article documents.
    public const string ArticleTitle = "atitle";

    /// <summary>The whole article's stemmed words, indexed once per article: the topic signal for its passages.</summary>
    public const string Body = "body";

    public const string StoredTitle = "t";
    public const string Date = "date";
    public const string SortDate = "sortdate";
    public const string Sequence = "seq";
    public const string Source = "source";
    public const string Url = "url";
    public const string UrlKey = "urlkey";
    public const string TextHash = "hash";
    public const string Paragraphs = "paras";
    public const string Summary = "summary";
    public const string PassageCount = "npass";

    /// <summary>The article's <see cref="StorySignature"/>: same-story detection at search time.</summary>
    public const string Story = "story";
}

/// <summary>Turns an article into its documents and a stored article document back into an <see cref="Article"/>.</summary>
internal static class IndexSchema
{
    /// <summary>Bump when fields or analysis change: an index of another version is rebuilt.</summary>
    public const int Version = 7;

    private static readonly FieldType PassageText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    // Titles and bodies are matched term by term, never as phrases: positions would be dead weight.
    private static readonly FieldType TermsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>The block to add: passages, then the article document last.</summary>
    public static List<Document> Build(Article article, IReadOnlyList<Passage> passages, long sequence)
    {
        var title = AnalyzedText.Of(article.Title);
        var texts = passages.Select(p => AnalyzedText.Of(p.Text)).ToList();
        var file = article.SourceFile ?? string.Empty;
        var documents = new List<Document>(passages.Count + 1);
        for (var i = 0; i < passages.Count; i++)
        {
            documents.Add(new Document
            {
                new StringField(IndexFields.Kind, IndexFields.PassageKind, Field.Store.NO),
                new StringField(IndexFields.ArticleId, article.Id, Field.Store.NO),
                new SortedDocValuesField(IndexFields.ArticleId, new BytesRef(article.Id)),
                new StringField(IndexFields.File, file, Field.Store.NO),
                new NumericDocValuesField(IndexFields.Ordinal, passages[i].Ordinal),
                new Field(IndexFields.Text, texts[i].AllTokens(), PassageText),
                new Field(IndexFields.Title, AnalyzedText.StemmedTokens([title]), TermsOnly),
            });
        }

        var sortDate = article.Date is { } d ? d.Year * 10000L + d.Month * 100 + d.Day : 0L;
        var body = string.Join('\n', article.Paragraphs);
        var document = new Document
        {
            new StringField(IndexFields.Kind, IndexFields.ArticleKind, Field.Store.NO),
            new StringField(IndexFields.ArticleId, article.Id, Field.Store.NO),
            new StringField(IndexFields.ArticleKey, article.Id, Field.Store.YES),
            new StringField(IndexFields.File, file, Field.Store.YES),
            new Field(IndexFields.ArticleTitle, AnalyzedText.StemmedTokens([title]), TermsOnly),
            new Field(IndexFields.Body, AnalyzedText.StemmedTokens(texts), TermsOnly),
            new StoredField(IndexFields.StoredTitle, article.Title),
            new Int64Field(IndexFields.SortDate, sortDate, Field.Store.NO),
            new NumericDocValuesField(IndexFields.SortDate, sortDate),
            new Int64Field(IndexFields.Sequence, sequence, Field.Store.NO),
            new NumericDocValuesField(IndexFields.Sequence, sequence),
            new StringField(IndexFields.TextHash, TextHash(article), Field.Store.NO),
            new StoredField(IndexFields.Paragraphs, body),
            new Int32Field(IndexFields.PassageCount, passages.Count, Field.Store.YES),
            new BinaryDocValuesField(IndexFields.Story, new BytesRef(StorySignature.Of(AnalyzedText.StemmedWords(texts)))),
        };
        if (article.Date is { } date)
        {
            document.Add(new StoredField(IndexFields.Date, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrEmpty(article.Source))
        {
            document.Add(new StoredField(IndexFields.Source, article.Source));
        }
        if (!string.IsNullOrEmpty(article.Url))
        {
            document.Add(new StoredField(IndexFields.Url, article.Url));
            document.Add(new StringField(IndexFields.UrlKey, UrlKey(article.Url), Field.Store.NO));
        }
        if (article.PublisherSummary.Count > 0)
        {
            document.Add(new StoredField(IndexFields.Summary, string.Join('\n', article.PublisherSummary)));
        }
        documents.Add(document);
        return documents;
    }

    public static Article ReadArticle(Document document)
    {
        var date = document.Get(IndexFields.Date) is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d : (DateOnly?)null;
        var file = document.Get(IndexFields.File);
        return new Article(
            document.Get(IndexFields.ArticleKey),
            document.Get(IndexFields.StoredTitle) ?? string.Empty,
            date,
            document.Get(IndexFields.Source),
            document.Get(IndexFields.Url),
            Lines(document.Get(IndexFields.Paragraphs)),
            Lines(document.Get(IndexFields.Summary)),
            string.IsNullOrEmpty(file) ? null : file);
    }

    public static ArticleInfo ReadInfo(Document document, int number) => new(
        number,
        document.Get(IndexFields.ArticleKey),
        document.Get(IndexFields.StoredTitle) ?? string.Empty,
        document.Get(IndexFields.Date) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        document.GetField(IndexFields.PassageCount)?.GetInt32Value() ?? 0);

    /// <summary>The same story text whatever its spelling, spacing or punctuation: duplicate detection.</summary>
    public static string TextHash(Article article)
    {
        var normalized = ArabicNormalizer.Normalize(string.Join(' ', article.Paragraphs));
        var letters = new string(normalized.Where(char.IsLetterOrDigit).ToArray());
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(letters)), 0, 12);
    }

    /// <summary>A URL without scheme, «www.», fragment, tracking parameters or trailing slash.</summary>
    public static string UrlKey(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return url.Trim().ToLowerInvariant();
        }
        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        return host + path + (query.Length > 0 ? "?" + query : string.Empty);
    }

    private static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
