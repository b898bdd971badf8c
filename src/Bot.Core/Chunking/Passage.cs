namespace Bot.Core.Chunking;

/// <summary>A group of consecutive sentences of one article; the unit that is searched and cited.</summary>
/// <param name="Id">Stable id <c>articleId#n</c> (n from 1).</param>
public sealed record Passage(string Id, string ArticleId, int Ordinal, string Text)
{
    public static string MakeId(string articleId, int ordinal) => $"{articleId}#{ordinal}";
}
