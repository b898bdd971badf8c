using Bot.Core.Chunking;
using Bot.Core.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Bot.Core.Search;

/// <summary>Progress of an index build, for progress bars.</summary>
public sealed record IndexProgress(string Stage, int Done, int Total);

/// <summary>Writes one complete index generation (Lucene files, stored corpus, manifest last) into an empty folder.</summary>
internal sealed class IndexBuilder(PassageChunker chunker)
{
    public const int SchemaVersion = 5;

    // Title and article context are only matched term by term, never as phrases: positions would be dead weight.
    private static readonly FieldType WithoutPositions = CreateWithoutPositions();

    private static FieldType CreateWithoutPositions()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS };
        type.Freeze();
        return type;
    }

    public async Task<IndexManifest> BuildAsync(
        string folder,
        IReadOnlyList<Article> articles,
        string fingerprint,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var passages = new List<Passage>();
        var config = new IndexWriterConfig(ArabicSearchAnalyzer.Version, ArabicSearchAnalyzer.Instance)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };

        using (var directory = LuceneDirectory.Open(Path.Combine(folder, IndexFiles.Lucene)))
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < articles.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var article = articles[i];
                var context = string.Join('\n', article.Paragraphs);
                foreach (var passage in chunker.Chunk(article))
                {
                    passages.Add(passage);
                    writer.AddDocument(new Document
                    {
                        new StringField(IndexFields.PassageId, passage.Id, Field.Store.YES),
                        new StringField(IndexFields.ArticleId, article.Id, Field.Store.YES),
                        new TextField(IndexFields.Text, passage.Text, Field.Store.NO),
                        new Field(IndexFields.Title, article.Title, WithoutPositions),
                        new Field(IndexFields.Context, context, WithoutPositions),
                    });
                }
                if ((i + 1) % 100 == 0 || i + 1 == articles.Count)
                {
                    progress?.Report(new IndexProgress("index", i + 1, articles.Count));
                }
            }
            writer.Commit();
        }

        await IndexFiles.WriteJsonAsync(
            Path.Combine(folder, IndexFiles.Corpus), new StoredCorpus(articles, passages),
            IndexJsonContext.Compact.StoredCorpus, cancellationToken).ConfigureAwait(false);

        var manifest = new IndexManifest(
            SchemaVersion, fingerprint, articles.Count, passages.Count, DateTimeOffset.UtcNow, started.ElapsedMilliseconds);
        await IndexFiles.WriteJsonAsync(
            Path.Combine(folder, IndexFiles.Manifest), manifest, IndexJsonContext.Compact.IndexManifest,
            cancellationToken).ConfigureAwait(false);
        return manifest;
    }
}
