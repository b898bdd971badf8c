using Bot.Core.Answering;

namespace Bot.Llm.Answering;

/// <summary>Why a model reply was not shown: tags for <see cref="Answer.FallbackReason"/> and the fallback metric.</summary>
internal static class FallbackReasons
{
    public const string NoCitation = "no-citation";
    public const string QuoteNotInPassage = "quote-not-in-passage";
    public const string NotArabic = "not-arabic";
}
