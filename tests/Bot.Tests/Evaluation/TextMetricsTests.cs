using Bot.Core.Evaluation;
using Bot.Tests.TestSupport;
using Xunit.Abstractions;

namespace Bot.Tests.Evaluation;

public sealed class TextMetricsTests(ITestOutputHelper output)
{
    [Fact]
    public void Token_F1_counts_shared_words()
    {
        // prediction 3 words, gold 2, overlap 2: P = 2/3, R = 1, F1 = 0.8
        Assert.Equal(0.8, TextMetrics.TokenF1("وزير الدفاع السوري", ["الدفاع السوري"]), 3);
    }

    [Fact]
    public void Containment_ignores_diacritics_alef_forms_and_citation_marks()
    {
        Assert.True(TextMetrics.Contains("التقى الوزيرُ رئيسَ الأركان محمد باقري [1].", "محمد باقرى"));
        Assert.True(TextMetrics.Contains("وقعت الاتفاقية في تموز ٢٠٢٠ [2].", "2020"));
        Assert.False(TextMetrics.Contains("وقعت الاتفاقية في تموز 2020 [2].", "2021"));
        Assert.False(TextMetrics.Contains("محمد علي باقري", "محمد باقري"));
    }

    [Fact]
    public void Rouge_scores_match_hand_computed_values()
    {
        const string reference = "زار الوزير طهران وبحث التعاون العسكري";
        const string candidate = "زار الوزير دمشق وبحث التعاون";

        // 4 of 5 candidate words appear in the 6-word reference.
        Assert.Equal(2 * 0.8 * (4 / 6.0) / (0.8 + 4 / 6.0), TextMetrics.Rouge1(candidate, [reference]).F, 3);
        // Bigrams shared: «زار الوزير», «وبحث التعاون» → P = 2/4, R = 2/5.
        Assert.Equal(2 * 0.5 * 0.4 / 0.9, TextMetrics.Rouge2(candidate, [reference]).F, 3);
        // LCS = 4 words.
        Assert.Equal(4 / 6.0, TextMetrics.RougeL(candidate, [reference]).Recall, 3);
    }

    [Fact]
    public void Rouge_L_counts_the_longest_in_order_match_not_shared_words()
    {
        // Four shared words, but only three in the same order.
        var score = TextMetrics.RougeL("بيروت دمشق عمان القاهرة", ["دمشق بيروت عمان القاهرة"]);

        Assert.Equal(0.75, score.Recall, 3);
        Assert.Equal(1.0, TextMetrics.Rouge1("بيروت دمشق عمان القاهرة", ["دمشق بيروت عمان القاهرة"]).F, 3);
    }

    [Fact]
    public void Malformed_evaluation_files_are_refused_with_the_file_named()
    {
        using var folder = new TempFolder();
        var squad = folder.Combine("broken.json");
        var easc = folder.Combine("broken.jsonl");
        File.WriteAllText(squad, "{\"data\": [{\"title\": \"x\"}]}");
        File.WriteAllText(easc, "{\"doc_id\": \"D1\", \"text\": \"نص\", \"summaries\": [\"ملخص\"]}\n{ not json");

        Assert.Contains("broken.json", Assert.Throws<InvalidDataException>(() => SquadDataset.Load(squad)).Message);
        var error = Assert.Throws<InvalidDataException>(() => EascDataset.Load(easc));
        Assert.Contains("broken.jsonl", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Several_references_score_against_the_best_one()
    {
        var score = TextMetrics.Rouge1("زار الوزير طهران", ["حدث آخر تماما", "زار الوزير طهران"]);

        Assert.Equal(1.0, score.F, 3);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var stats = new LatencyStats();
        foreach (var ms in Enumerable.Range(1, 100))
        {
            stats.Add(ms);
        }

        Assert.Equal(50, stats.P50);
        Assert.Equal(95, stats.P95);
        Assert.Equal(99, stats.P99);
    }

    [Fact]
    public void Recall_and_MRR_follow_the_rank_of_the_first_relevant_result()
    {
        var ranking = new RankingMetrics();
        ranking.Add(1);
        ranking.Add(3);
        ranking.Add(null);
        ranking.Add(2);

        Assert.Equal(0.25, ranking.RecallAt(1));
        Assert.Equal(0.75, ranking.RecallAt(5));
        Assert.Equal((1 + 1 / 3.0 + 0.5) / 4, ranking.Mrr, 6);
    }

    [SharedDataFact]
    public void The_shared_evaluation_sets_load()
    {
        var shared = RepoPaths.Shared ?? throw new DirectoryNotFoundException(
            $"../shared is missing beside {RepoPaths.Root}; CI must have the shared evaluation sets.");
        output.WriteLine($"Evaluation sets from {shared}");

        var squad = SquadDataset.Load(Path.Combine(shared, "eval", "xquad-ar", "xquad.ar.json"));
        var easc = EascDataset.Load(Path.Combine(shared, "eval", "easc", "easc.jsonl"));

        Assert.Equal(240, squad.Count);
        Assert.Equal(1190, squad.Sum(p => p.Questions.Count));
        Assert.All(squad, p => Assert.DoesNotContain('#', p.Id));
        Assert.Equal(153, easc.Count);
        Assert.Equal(easc.Count, easc.Select(d => d.Id).Distinct().Count());
        Assert.All(easc, d => Assert.NotEmpty(d.References));
    }
}
