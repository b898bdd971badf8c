using System.ComponentModel;
using System.Globalization;
using System.Text;
using Bot.Core.Answering;
using Bot.Core.Search;
using Bot.Llm.Answering;
using Bot.Llm.Research;
using Microsoft.SemanticKernel;

namespace Bot.Llm.Plugins;

/// <summary>
/// The articles as functions the model may call while answering one question (Semantic Kernel function calling).
/// Every passage a call returns joins the question's <see cref="ResearchSession"/> under the next number, so the
/// model cites it like the first ones and the citation is checked the same way.
/// </summary>
internal sealed class ArticlePlugin(ResearchSession session, IPassageSearch search, IArticleCatalog catalog)
{
    public const string Name = "articles";

    private const int SearchPassages = 5;

    /// <summary>Passages read before the date filter, so a period still yields some.</summary>
    private const int DatedCandidates = 40;

    internal const string BudgetSpent = "انتهى عدد عمليات البحث المسموح بها لهذا السؤال. أجب مما لديك من مقاطع.";
    private const string PromptFull = "لا مجال لمقاطع أخرى في هذا السؤال. أجب مما لديك من مقاطع.";

    [KernelFunction("search_articles")]
    [Description("يبحث في المقالات الإخبارية العربية ويعيد مقاطع جديدة مرقّمة تكمل المقاطع السابقة. استعمله للمقارنة أو للأسئلة متعددة الأجزاء أو حين لا تكفي المقاطع المعطاة.")]
    public async Task<string> SearchArticlesAsync(
        [Description("كلمات البحث بالعربية")] string query,
        [Description("أقدم تاريخ نشر مطلوب بصيغة YYYY-MM-DD (اختياري)")] string? from = null,
        [Description("أحدث تاريخ نشر مطلوب بصيغة YYYY-MM-DD (اختياري)")] string? to = null,
        CancellationToken cancellationToken = default)
    {
        var (start, end) = (Date(from), Date(to));
        var dated = start is not null || end is not null;
        var found = await search.SearchAsync(query, dated ? DatedCandidates : SearchPassages, cancellationToken).ConfigureAwait(false);
        var kept = new List<RankedPassage>();
        foreach (var passage in found)
        {
            if (kept.Count == SearchPassages)
            {
                break;
            }
            var article = dated ? await catalog.GetAsync(passage.Passage.ArticleId, cancellationToken).ConfigureAwait(false) : null;
            if (!dated || article?.Date is { } date && (start is null || date >= start) && (end is null || date <= end))
            {
                kept.Add(passage);
            }
        }
        return await OfferAsync("search_articles", $"query={query}; from={from}; to={to}", kept, cancellationToken).ConfigureAwait(false);
    }

    [KernelFunction("get_article")]
    [Description("يعيد مقاطع مقالة كاملة مرقّمة، بحسب معرّفها (المذكور بعد «المقالة:» في رأس كل مقطع) أو كلمات من عنوانها.")]
    public async Task<string> GetArticleAsync(
        [Description("معرّف المقالة أو كلمات من عنوانها")] string id,
        CancellationToken cancellationToken = default)
    {
        var article = await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? await catalog.ResolveAsync(id, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            session.Record("get_article", $"id={id}", 0);
            return "لا توجد مقالة بهذا المعرّف أو العنوان.";
        }
        var passages = await catalog.GetPassagesAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var ranked = passages.Select((p, i) => new RankedPassage(i + 1, p, 0)).ToList();
        return await OfferAsync("get_article", $"id={id}", ranked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Numbers the passages into the session and writes them for the model, as in the first prompt.</summary>
    private async Task<string> OfferAsync(string function, string arguments, IReadOnlyList<RankedPassage> passages, CancellationToken cancellationToken)
    {
        var sources = await SourcePassage.FromRankedAsync(passages, catalog, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        var added = 0;
        var full = false;
        for (var i = 0; i < sources.Count; i++)
        {
            if (session.Add(sources[i], passages[i], out var isNew) is not { } number)
            {
                full = true;
                break;
            }
            added += isNew ? 1 : 0;
            text.Append(isNew ? PassageFormatter.FormatOne(number, sources[i], withId: true) : $"[{number}] (سبق تقديمه)").Append("\n\n");
        }
        session.Record(function, arguments, added);
        if (full)
        {
            text.Append(PromptFull);
        }
        return text.Length == 0 ? "لا توجد مقاطع مطابقة." : text.ToString().TrimEnd();
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : DateOnly.TryParseExact(text?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month
        : int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 2200 ? new DateOnly(year, 1, 1)
        : null;
}
