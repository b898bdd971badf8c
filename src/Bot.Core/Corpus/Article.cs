namespace Bot.Core.Corpus;

/// <summary>One article of the collection, as read from its file. Text is kept exactly as published (never normalised).</summary>
/// <param name="Id">Stable id: the <c>id</c> field of a JSON article, otherwise the file name without extension.</param>
/// <param name="Paragraphs">Body paragraphs in order, without title, date line, captions or site chrome.</param>
/// <param name="PublisherSummary">The article's own human summary (block after «اظهر الملخص»), empty when it has none.</param>
public sealed record Article(
    string Id,
    string Title,
    DateOnly? Date,
    string? Source,
    string? Url,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> PublisherSummary,
    string? SourceFile = null)
{
    public bool HasPublisherSummary => PublisherSummary.Count > 0;
}
