using System.Text;
using Bot.Core.Answering;
using Bot.Core.Corpus;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Corpus;

public sealed class ArticleUploadTests : IDisposable
{
    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public ArticleUploadTests()
    {
        foreach (var seed in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(seed, _corpus.Combine(Path.GetFileName(seed)));
        }
        _engine = new PipelineHost(_corpus.Path);
    }

    [Fact]
    public async Task An_uploaded_article_is_stored_indexed_and_answerable()
    {
        var text = "افتتاح سد جديد في الموصل\n\n5 أيار 2024\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل بكلفة 300 مليون دولار.";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var result = await _engine.Get<IArticleIngestor>().AddAsync("سد الموصل.txt", content, CancellationToken.None);

        Assert.Equal("افتتاح سد جديد في الموصل", result.Article.Title);
        Assert.Equal(3, result.ArticleCount);
        Assert.Equal(1, result.Added);
        Assert.True(File.Exists(_corpus.Combine("سد-الموصل.json")));
        var answer = await _engine.Get<IAnswerer>().AnswerAsync(Question.Standalone("كم بلغت كلفة سد الموصل الجديد؟"), CancellationToken.None);
        Assert.Contains("300 مليون", answer.Text);
    }

    [Theory]
    [InlineData("photo.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData("empty.txt", new byte[0])]
    [InlineData("binary.txt", new byte[] { 0, 1, 2, 0, 0, 3 })]
    public async Task A_bad_upload_is_refused_in_Arabic_and_changes_nothing(string name, byte[] bytes)
    {
        var before = Directory.GetFiles(_corpus.Path).Order().ToList();
        using var content = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<InvalidArticleException>(
            () => _engine.Get<IArticleIngestor>().AddAsync(name, content, CancellationToken.None));

        Assert.Matches(@"\p{IsArabic}", error.Message);
        Assert.Equal(before, Directory.GetFiles(_corpus.Path).Order().ToList());
    }

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
