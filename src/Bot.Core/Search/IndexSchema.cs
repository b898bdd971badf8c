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
    public const string ArticleKind = "a";

    /// <summary>Article id of a passage (doc values): results name their article without reading stored fields.</summary>
    public const string ArticleId = "aid";

    /// <summary>Article id on the article document only: lookups by id.</summary>
    public const string ArticleKey = "akey";

    /// <summary>Source file on every document: a changed or removed file replaces or deletes its articles (every change goes by file).</summary>
    public const string File = "file";

    // Passage documents.
    public const string Ordinal = "n";

    /// <summary>Passage words, stemmed, with positions (phrases and proximity).</summary>
    public const string Text = "text";

    // Article documents.
    public const string ArticleTitle = "atitle";

    /// <summary>The passage's words that stemming changes, in their exact form (<see cref="AnalyzedText"/>).</summary>
    public const string Exact = "exact";

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
    public const int Version = 13;

    private static readonly FieldType PassageText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    // Titles are matched term by term, never as phrases: positions would be dead weight.
    private static readonly FieldType TermsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    });

    // A passage's exact word forms only say whether they occur: enough to tell its wording from a paraphrase.
    private static readonly FieldType DocsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    /// <summary>Dates are few and matched whole: one term per value, no trie of partial values.</summary>
    public const int DatePrecisionStep = 64;

    private static readonly FieldType DateType = Frozen(new FieldType(Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = DatePrecisionStep });

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
                new SortedDocValuesField(IndexFields.ArticleId, new BytesRef(article.Id)),
                new StringField(IndexFields.File, file, Field.Store.NO),
                new NumericDocValuesField(IndexFields.Ordinal, passages[i].Ordinal),
                new Field(IndexFields.Text, texts[i].StemmedTokens(), PassageText),
                new Field(IndexFields.Exact, AnalyzedText.Tokens(texts[i].ExactForms()), DocsOnly),
            });
        }

        var sortDate = article.Date is { } d ? d.Year * 10000L + d.Month * 100 + d.Day : 0L;
        var body = string.Join('\n', article.Paragraphs);
        var document = new Document
        {
            new StringField(IndexFields.Kind, IndexFields.ArticleKind, Field.Store.NO),
            new StringField(IndexFields.ArticleKey, article.Id, Field.Store.YES),
            new StringField(IndexFields.File, file, Field.Store.YES),
            new Field(IndexFields.ArticleTitle, title.StemmedTokens(), TermsOnly),
            new StoredField(IndexFields.StoredTitle, CompactText.Encode(article.Title)),
            new Int64Field(IndexFields.SortDate, sortDate, DateType),
            new NumericDocValuesField(IndexFields.SortDate, sortDate),
            new NumericDocValuesField(IndexFields.Sequence, sequence),
            new StringField(IndexFields.TextHash, TextHash(AnalyzedText.StemmedWords(texts)), Field.Store.NO),
            new StoredField(IndexFields.Paragraphs, CompactText.Encode(body)),
            new StoredField(IndexFields.PassageCount, passages.Count),
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
            document.Add(new StoredField(IndexFields.Url, CompactText.Encode(article.Url)));
            document.Add(new StringField(IndexFields.UrlKey, UrlHash(article.Url), Field.Store.NO));
        }
        if (article.PublisherSummary.Count > 0)
        {
            document.Add(new StoredField(IndexFields.Summary, CompactText.Encode(string.Join('\n', article.PublisherSummary))));
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
            Text(document, IndexFields.StoredTitle),
            date,
            document.Get(IndexFields.Source),
            Text(document, IndexFields.Url) is { Length: > 0 } url ? url : null,
            Lines(Text(document, IndexFields.Paragraphs)),
            Lines(Text(document, IndexFields.Summary)),
            string.IsNullOrEmpty(file) ? null : file);
    }

    public static ArticleInfo ReadInfo(Document document, int number) => new(
        number,
        document.Get(IndexFields.ArticleKey),
        Text(document, IndexFields.StoredTitle),
        document.Get(IndexFields.Date) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        document.GetField(IndexFields.PassageCount)?.GetInt32Value() ?? 0);

    /// <summary>The same text whatever its spelling, spacing, punctuation or diacritics: duplicate detection.</summary>
    public static string TextHash(Article article) =>
        TextHash(AnalyzedText.StemmedWords(article.Paragraphs.Select(AnalyzedText.Of).ToList()));

    private static string TextHash(List<string> stems) => Hash(string.Join(' ', stems));

    private static string Hash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0, 10);

    /// <summary>What the index keeps of a URL for duplicate detection: a hash of its <see cref="UrlKey"/>.</summary>
    public static string UrlHash(string url) => Hash(UrlKey(url));

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

    private static string Text(Document document, string field) =>
        document.GetBinaryValue(field) is { } bytes ? CompactText.Decode(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)) : string.Empty;

    private static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
