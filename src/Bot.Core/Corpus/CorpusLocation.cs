namespace Bot.Core.Corpus;

/// <summary>
/// The resolved <c>Corpus:Path</c> (a folder, or one JSONL archive file) and the folder where articles added at
/// run time (uploads, feeds, links) are kept: the articles folder itself, or <c>Corpus:AddedPath</c> when the
/// articles come from an archive file.
/// </summary>
public sealed record CorpusLocation(string Path, string AddedFolder)
{
    public CorpusLocation(string folder) : this(folder, folder)
    {
    }

    /// <summary>The source path (as <see cref="IArticleSource.ListFiles"/> names it) of a file in the added folder.</summary>
    public string SourcePathOf(string relativeInAddedFolder) =>
        AddedFolder == Path ? relativeInAddedFolder : FolderArticleSource.AddedPrefix + relativeInAddedFolder;
}
