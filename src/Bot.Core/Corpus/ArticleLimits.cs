namespace Bot.Core.Corpus;

/// <summary>Limits on what may be added as an article, the same for every way of adding one.</summary>
public static class ArticleLimits
{
    /// <summary>Largest article file accepted (an upload in Telegram, a file given to <c>add</c>): far above any news article.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The Arabic refusal of a file over <see cref="MaxFileBytes"/>.</summary>
    public static readonly string FileTooBig = $"الملف أكبر من الحد المسموح ({MaxFileBytes / (1024 * 1024)} ميغابايت).";
}
