using System.Text;
using Bot.Core.Corpus;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Corpus;

public sealed class ArticleReadingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CapturingLoggerProvider _logs = new();

    static ArticleReadingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Article = "زيارة وزير الخارجية إلى بغداد\n\n١٢ أيلول ٢٠٢٣\n\nوصل وزير الخارجية إلى بغداد اليوم لبحث ملف المياه مع نظيره العراقي.";

    private Task<IReadOnlyList<Article>> LoadAsync() => LoadAsync(_folder.Path);

    private async Task<IReadOnlyList<Article>> LoadAsync(string path)
    {
        var source = new FolderArticleSource(new CorpusLocation(path), new Logger<FolderArticleSource>(new LoggerFactory([_logs])));
        var articles = new List<Article>();
        foreach (var file in source.ListFiles())
        {
            await foreach (var article in source.ReadAsync(file, CancellationToken.None))
            {
                articles.Add(article);
            }
        }
        return articles;
    }

    [Fact]
    public async Task A_gzipped_JSONL_archive_given_as_the_articles_path_is_streamed_article_by_article()
    {
        var archive = _folder.Combine("archive.jsonl.gz");
        await using (var gzip = new System.IO.Compression.GZipStream(File.Create(archive), System.IO.Compression.CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("""{"id":"sabq-1","source":"sabq","date":"2015-08-02 10:11:12","title":"أمطار غزيرة على جدة","text":"هطلت أمطار غزيرة على جدة صباح اليوم.\nوحذّر الدفاع المدني السكان من السيول."}""");
            await writer.WriteLineAsync("not json");
            await writer.WriteLineAsync("""{"id":"okaz-2","title":"افتتاح مستشفى","text":"افتتح وزير الصحة مستشفى جديدا في تبوك."}""");
        }

        var articles = await LoadAsync(archive);

        Assert.Equal(["sabq-1", "okaz-2"], articles.Select(a => a.Id));
        Assert.Equal(new DateOnly(2015, 8, 2), articles[0].Date);
        Assert.Equal(["هطلت أمطار غزيرة على جدة صباح اليوم.", "وحذّر الدفاع المدني السكان من السيول."], articles[0].Paragraphs);
        Assert.All(articles, a => Assert.Equal("archive.jsonl.gz", a.SourceFile));
        Assert.Contains(_logs.At(LogLevel.Warning), w => w.Contains("archive.jsonl.gz") && w.Contains("line 2"));
    }

    [Theory]
    [InlineData(1256)]  // Windows-1256, common for Arabic files
    [InlineData(65001)] // UTF-8 without BOM
    [InlineData(1200)]  // UTF-16 LE with BOM
    [InlineData(-65001)] // UTF-8 with BOM
    public async Task Articles_in_each_supported_encoding_are_decoded(int codePage)
    {
        var bytes = codePage switch
        {
            -65001 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Article)],
            1200 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Article)],
            _ => Encoding.GetEncoding(codePage).GetBytes(Article),
        };
        await File.WriteAllBytesAsync(_folder.Combine("baghdad.txt"), bytes);

        var article = Assert.Single(await LoadAsync());

        Assert.Equal("baghdad", article.Id);
        Assert.Equal("زيارة وزير الخارجية إلى بغداد", article.Title);
        Assert.Equal(new DateOnly(2023, 9, 12), article.Date);
        Assert.Contains("ملف المياه", Assert.Single(article.Paragraphs));
    }

    [Fact]
    public async Task Empty_and_binary_files_are_skipped_with_a_warning_naming_them_and_the_rest_load()
    {
        await File.WriteAllTextAsync(_folder.Combine("good.txt"), Article);
        await File.WriteAllBytesAsync(_folder.Combine("empty.txt"), []);
        await File.WriteAllBytesAsync(_folder.Combine("image.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A, 0x00, 0x01]);
        await File.WriteAllTextAsync(_folder.Combine("broken.json"), "{ \"title\": ");

        var articles = await LoadAsync();

        Assert.Equal("good", Assert.Single(articles).Id);
        var warnings = _logs.At(LogLevel.Warning).ToList();
        Assert.Contains(warnings, w => w.Contains("empty.txt"));
        Assert.Contains(warnings, w => w.Contains("image.txt") && w.Contains("binary"));
        Assert.Contains(warnings, w => w.Contains("broken.json"));
    }

    [Fact]
    public async Task A_broken_JSONL_line_is_reported_and_the_other_lines_are_read()
    {
        await File.WriteAllLinesAsync(_folder.Combine("feed.jsonl"),
        [
            """{"id":"a1","title":"قمة في الرياض","date":"2024-05-02","text":"انعقدت القمة في الرياض بحضور القادة."}""",
            """{"id":"a2","title":"نصف سطر""",
            """{"title":"معرض الكتاب","text":"افتتح معرض الكتاب أبوابه للزوار صباح اليوم."}""",
        ]);

        var articles = await LoadAsync();

        Assert.Equal(["a1", "feed-2"], articles.Select(a => a.Id));
        Assert.Equal(new DateOnly(2024, 5, 2), articles[0].Date);
        Assert.Equal("معرض الكتاب", articles[1].Title);
        Assert.Contains(_logs.At(LogLevel.Warning), w => w.Contains("feed.jsonl") && w.Contains("line 2"));
    }

    [Fact]
    public async Task The_publisher_summary_block_becomes_the_article_summary_not_passages()
    {
        File.Copy(Path.Combine(RepoPaths.Seeds, "000_abe0edcc387d59e3.txt"), _folder.Combine("000_abe0edcc387d59e3.txt"));

        var article = Assert.Single(await LoadAsync());

        Assert.Equal("وزير دفاع النظام السوري يزور طهران لبحث تعزيز التعاون العسكري", article.Title);
        Assert.Equal(new DateOnly(2024, 3, 18), article.Date);
        Assert.Equal(3, article.PublisherSummary.Count);
        Assert.StartsWith("وزير دفاع النظام السوري، علي محمود عباس", article.PublisherSummary[0]);
        Assert.DoesNotContain(article.Paragraphs, p => p.Contains("+ الخط -") || p.Contains("اظهر الملخص") || p.Contains("(وكالة فارس)"));
        Assert.DoesNotContain(article.Paragraphs, p => article.PublisherSummary.Contains(p));
        Assert.DoesNotContain(article.Paragraphs, p => p == article.Title);
        Assert.StartsWith("أجرى وزير دفاع النظام السوري", article.Paragraphs[0]);
    }

    [Fact]
    public async Task An_article_without_a_title_line_gets_a_short_title_from_its_first_sentence()
    {
        File.Copy(Path.Combine(RepoPaths.Seeds, "001_52ff072982a90872.txt"), _folder.Combine("001_52ff072982a90872.txt"));

        var article = Assert.Single(await LoadAsync());

        Assert.Equal("التقى وزير الدفاع العماد علي محمود عباس", article.Title);
        Assert.StartsWith("التقى وزير الدفاع العماد", article.Paragraphs[0]);
    }

    [Fact]
    public async Task Article_ids_are_stable_across_loads()
    {
        await File.WriteAllTextAsync(_folder.Combine("b.txt"), Article);
        await File.WriteAllTextAsync(_folder.Combine("a.md"), "# عنوان\n\nنص المقالة الأولى عن الاقتصاد.");

        var first = (await LoadAsync()).Select(a => a.Id).ToList();
        var second = (await LoadAsync()).Select(a => a.Id).ToList();

        Assert.Equal(["a", "b"], first);
        Assert.Equal(first, second);
    }

    public void Dispose() => _folder.Dispose();
}
