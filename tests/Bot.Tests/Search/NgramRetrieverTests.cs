using Bot.Core.Search;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Search;

/// <summary>The «ngram» signal: a query word finds the index's other spellings of it.</summary>
public sealed class NgramRetrieverTests : IDisposable
{
    private readonly TempFolder _corpus = new();
    private readonly PipelineHost _engine;

    public NgramRetrieverTests()
    {
        File.WriteAllText(_corpus.Combine("king.txt"), "ملك من الهند القديمة\n\nحكم الملك أيورباروادا مملكة في جنوب الهند قبل ألف عام وبنى فيها معابد كثيرة.");
        File.WriteAllText(_corpus.Combine("dam.txt"), "سد جديد في الموصل\n\nافتتحت الحكومة العراقية سدا جديدا على نهر دجلة قرب الموصل.");
        File.WriteAllText(_corpus.Combine("fair.txt"), "معرض الكتاب\n\nافتتح معرض الرياض الدولي للكتاب أبوابه للزوار صباح اليوم.");
        _engine = new PipelineHost(_corpus.Path);
    }

    private IRetriever Retriever(string name) => _engine.Services.GetServices<IRetriever>().Single(r => r.Name == name);

    [Fact]
    public async Task A_name_spelled_differently_in_the_question_is_found_by_ngrams_and_missed_by_plain_bm25()
    {
        const string question = "من هو الملك ايوربارودا؟";

        var plain = await Retriever("bm25").RetrieveAsync("ايوربارودا", 3, CancellationToken.None);
        var spelled = await Retriever("ngram").RetrieveAsync(question, 3, CancellationToken.None);

        Assert.Empty(plain);
        Assert.Equal("king", spelled[0].Passage.ArticleId);
        Assert.Contains("أيورباروادا", spelled[0].Passage.Text);
    }

    [Fact]
    public async Task Words_spelled_as_in_the_index_rank_the_same_with_or_without_ngrams()
    {
        var plain = await Retriever("bm25").RetrieveAsync("سد الموصل على نهر دجلة", 3, CancellationToken.None);
        var spelled = await Retriever("ngram").RetrieveAsync("سد الموصل على نهر دجلة", 3, CancellationToken.None);

        Assert.Equal("dam", plain[0].Passage.ArticleId);
        Assert.Equal("dam", spelled[0].Passage.ArticleId);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _corpus.Dispose();
    }
}
