using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Configuration;

/// <summary><c>Corpus</c> section: where the articles are.</summary>
internal sealed class CorpusOptions
{
    public const string SectionName = "Corpus";

    /// <summary>Folder of articles, or one <c>.jsonl</c>/<c>.jsonl.gz</c> archive, relative to the folder holding appsettings.json.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Corpus:Path must name a folder of articles or a .jsonl/.jsonl.gz file.")]
    public string Path { get; set; } = "seeds";

    /// <summary>Where uploaded and fetched articles are kept when <see cref="Path"/> is an archive file.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Corpus:AddedPath must name a folder.")]
    public string AddedPath { get; set; } = "data/articles";
}

/// <summary><c>Index</c> section: where the index and all other state live.</summary>
internal sealed class IndexOptions
{
    public const string SectionName = "Index";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Index:Path must name a folder for the index.")]
    public string Path { get; set; } = "data/index";
}

/// <summary><c>Chunking</c> section: passage size in words.</summary>
public sealed class ChunkingOptions
{
    public const string SectionName = "Chunking";

    [Range(20, 400, ErrorMessage = "Chunking:TargetWords must be between 20 and 400.")]
    public int TargetWords { get; set; } = 80;

    [Range(30, 800, ErrorMessage = "Chunking:MaxWords must be between 30 and 800.")]
    public int MaxWords { get; set; } = 120;
}

/// <summary><c>Answer</c> section.</summary>
public sealed class AnswerOptions
{
    public const string SectionName = "Answer";

    [Range(1, 50, ErrorMessage = "Answer:MaxPassages must be between 1 and 50.")]
    public int MaxPassages { get; set; } = 5;

    [Range(1, 3, ErrorMessage = "Answer:MaxSentences must be between 1 and 3.")]
    public int MaxSentences { get; set; } = 2;

    /// <summary>
    /// For «ما هي عاصمة…», «من هو مؤلف…», «كم عدد…» questions, the answering sentence must name the relation asked about.
    /// Stricter (fewer false answers on a news archive: 0.75 → 0.56 on eval/saudinewsnet-questions.jsonl) at a cost in
    /// answers found (XQuAD-ar containment 0.692 → 0.634).
    /// </summary>
    public bool RequireRelation { get; set; } = true;

    [Range(10, 10000, ErrorMessage = "Answer:MaxQuestionLength must be between 10 and 10000.")]
    public int MaxQuestionLength { get; set; } = 1000;
}
