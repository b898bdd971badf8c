using Bot.Core.Configuration;
using Bot.Core.Search;
using Bot.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Search;

/// <summary>The second stage of the lexical search: candidates reordered by how densely their text answers the question.</summary>
public sealed class CandidateRerankTests : IDisposable
{
    private const string Question = "متى افتتحت وزارة الصحة مستشفى الولادة في تبوك؟";

    private readonly TempFolder _corpus = new();

    public CandidateRerankTests()
    {
        // The question's words all occur here, the ministry's in the headline too, but scattered over unrelated sentences.
        File.WriteAllText(_corpus.Combine("scattered.txt"),
            "وزارة الصحة في تبوك\n\n" +
            "أعلنت وزارة الصحة خطة جديدة لتدريب الممرضين في المدن الكبرى. " +
            "وتحدث المسؤولون عن الطرق والمدارس الجديدة في تبوك والمناطق المجاورة لها. " +
            "ويعمل مستشفى الملك فهد على توسعة قسم الطوارئ بعد زيادة عدد المراجعين. " +
            "كما افتتحت شركة خاصة مصنعا للأدوية قرب العاصمة. " +
            "وارتفعت نسبة الولادة الطبيعية في البلاد حسب إحصاءات الصحة.");
        // One sentence answers the question; the rest of the passage is about other things.
        File.WriteAllText(_corpus.Combine("dense.txt"),
            "أخبار المنطقة الشمالية\n\n" +
            "شهدت المنطقة الشمالية هذا الأسبوع نشاطا كبيرا في قطاع البناء والمطارات والموانئ والطرق السريعة. " +
            "وفي عام 2015 افتتحت وزارة الصحة في تبوك مستشفى الولادة الجديد بسعة مئتي سرير. " +
            "ويتوقع المراقبون أن يستمر النمو الاقتصادي في المنطقة خلال الأعوام المقبلة مع تدفق الاستثمارات الأجنبية. " +
            "وتفقد أمير المنطقة عددا من المشاريع الزراعية ومزارع النخيل وسير العمل فيها.");
    }

    private async Task<IReadOnlyList<RankedPassage>> SearchAsync(int rerankDepth, string question = Question)
    {
        using var engine = new PipelineHost(_corpus.Path, settings: new Dictionary<string, string?> { ["Search:RerankDepth"] = $"{rerankDepth}" });
        return await engine.Get<IPassageSearch>().SearchAsync(question, 2, CancellationToken.None);
    }

    [Fact]
    public async Task The_passage_whose_one_sentence_holds_the_question_ranks_first_although_plain_bm25_prefers_scattered_matches()
    {
        var plain = await SearchAsync(rerankDepth: 0);
        var reranked = await SearchAsync(rerankDepth: 20);

        Assert.Equal(["scattered", "dense"], plain.Select(p => p.Passage.ArticleId));
        Assert.Equal(["dense", "scattered"], reranked.Select(p => p.Passage.ArticleId));
        Assert.True(reranked[0].Score > reranked[1].Score);
    }

    [Fact]
    public void A_negative_rerank_depth_is_refused_naming_the_key()
    {
        using var engine = new PipelineHost(_corpus.Path, settings: new Dictionary<string, string?> { ["Search:RerankDepth"] = "-1" });

        var failure = Assert.Throws<OptionsValidationException>(() => engine.Get<IOptions<SearchOptions>>().Value);

        Assert.Contains("Search:RerankDepth", failure.Message);
    }

    public void Dispose() => _corpus.Dispose();
}
