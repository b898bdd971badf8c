using System.ComponentModel;
using System.Text;
using Bot.Core.Arabic;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Microsoft.SemanticKernel;

namespace Bot.Llm.Plugins;

/// <summary>
/// The article collection as a Semantic Kernel plugin: the answer pipeline searches through it, and a model that
/// calls tools can use the same functions.
/// </summary>
internal sealed class ArticlePlugin(IPassageSearch search, IArticleCatalog catalog, ExtractiveSummarizer summarizer)
{
    public const string Name = "articles";

    [KernelFunction("search_passages")]
    [Description("يبحث في المقالات الإخبارية العربية ويعيد أكثر المقاطع صلة بالسؤال مع عنوان المقالة. Searches the Arabic news articles for passages relevant to a question.")]
    public async Task<string> SearchPassagesAsync(
        [Description("السؤال أو كلمات البحث بالعربية")] string query,
        [Description("عدد المقاطع المطلوبة (1 إلى 10)")] int count = 5,
        CancellationToken cancellationToken = default)
    {
        var passages = await SearchAsync(query, Math.Clamp(count, 1, 10), cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var p in passages)
        {
            var article = await catalog.GetAsync(p.Passage.ArticleId, cancellationToken).ConfigureAwait(false);
            text.Append('[').Append(p.Rank).Append("] ").Append(article?.Title).Append(" (").Append(ArabicDates.Format(article?.Date)).Append(")\n")
                .Append(p.Passage.Text).Append("\n\n");
        }
        return text.Length == 0 ? "لا توجد مقاطع مطابقة." : text.ToString();
    }

    [KernelFunction("get_article")]
    [Description("يعيد نص مقالة كاملة مع عنوانها وتاريخها، بحسب معرّفها أو رقمها في القائمة أو كلمات من عنوانها.")]
    public async Task<string> GetArticleAsync(
        [Description("معرّف المقالة أو رقمها أو كلمات من عنوانها")] string reference,
        CancellationToken cancellationToken = default)
    {
        var article = await catalog.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        return article is null
            ? "لا توجد مقالة بهذا المعرّف أو العنوان."
            : $"{article.Title} ({ArabicDates.Format(article.Date)})\n\n{string.Join("\n", article.Paragraphs)}";
    }

    [KernelFunction("summarize_article")]
    [Description("يلخّص مقالة في بضع جمل مقتطفة منها مع أرقام المقاطع، بحسب معرّفها أو رقمها أو كلمات من عنوانها.")]
    public async Task<string> SummarizeArticleAsync(
        [Description("معرّف المقالة أو رقمها أو كلمات من عنوانها")] string reference,
        CancellationToken cancellationToken = default)
    {
        var article = await catalog.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        var summary = article is null ? null : await summarizer.SummarizeAsync(article.Id, cancellationToken).ConfigureAwait(false);
        return summary is null ? "لا توجد مقالة بهذا المعرّف أو العنوان." : string.Join("\n", summary.Sentences);
    }

    /// <summary>The ranked passages themselves, for the answer pipeline.</summary>
    public Task<IReadOnlyList<RankedPassage>> SearchAsync(string query, int count, CancellationToken cancellationToken) =>
        search.SearchAsync(query, count, cancellationToken);
}
