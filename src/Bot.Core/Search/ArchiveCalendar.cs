namespace Bot.Core.Search;

/// <summary>The dates the archive covers (its oldest and newest dated article), worked out once per index generation.</summary>
internal sealed class ArchiveCalendar(IArticleCatalog catalog)
{
    private object? _generation;
    private (DateOnly From, DateOnly To)? _range;

    /// <summary>Null when no article has a date.</summary>
    public async Task<(DateOnly From, DateOnly To)?> RangeAsync(CancellationToken cancellationToken)
    {
        var articles = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(articles, Volatile.Read(ref _generation)))
        {
            var dates = articles.Where(a => a.Date is not null).Select(a => a.Date!.Value).ToList();
            _range = dates.Count == 0 ? null : (dates.Min(), dates.Max());
            Volatile.Write(ref _generation, articles);
        }
        return _range;
    }
}
