namespace Bot.Core.Search;

/// <summary>A reference to an index view held for the duration of one operation.</summary>
internal readonly struct IndexLease(IndexSnapshot snapshot) : IDisposable
{
    public IndexSnapshot Snapshot { get; } = snapshot;

    public void Dispose() => Snapshot.Reader.DecRef();
}

/// <summary>The resolved, absolute <c>Index:Path</c>.</summary>
public sealed record IndexLocation(string Folder);
