using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Bot.Core.Search;

/// <summary>
/// The dates the archive covers (its oldest and newest dated article), read from the article documents' date sort key
/// once per index view, so a question about another time can be told which dates the archive holds.
/// </summary>
public sealed class ArchiveCalendar
{
    private static readonly Query DatedArticles = new BooleanQuery
    {
        { new TermQuery(new Term(IndexFields.Kind, IndexFields.ArticleKind)), Occur.MUST },
        { NumericRangeQuery.NewInt64Range(IndexFields.SortDate, IndexSchema.DatePrecisionStep, 1L, null, true, true), Occur.MUST },
    };

    private object? _view;
    private (DateOnly From, DateOnly To)? _range;

    private readonly ArticleIndex index;

    // Internal: only AddArticleIndex builds it over the live index, which stays inside Bot.Core.
    internal ArchiveCalendar(ArticleIndex index) => this.index = index;

    /// <summary>Null when no article has a date.</summary>
    public async Task<(DateOnly From, DateOnly To)?> RangeAsync(CancellationToken cancellationToken)
    {
        using var lease = await index.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = lease.Snapshot;
        if (!ReferenceEquals(snapshot, Volatile.Read(ref _view)))
        {
            var oldest = First(snapshot, newestFirst: false);
            var newest = First(snapshot, newestFirst: true);
            _range = oldest is { } from && newest is { } to ? (from, to) : null;
            Volatile.Write(ref _view, snapshot);
        }
        return _range;
    }

    /// <summary>
    /// True when the question names a period that begins after the newest article: what happened then cannot be in
    /// articles written before it (they can only announce it), so the honest reply is «not found» with the archive's dates.
    /// </summary>
    public async Task<bool> AsksAfterArchiveAsync(string question, CancellationToken cancellationToken) =>
        await RangeAsync(cancellationToken).ConfigureAwait(false) is { } range
        && TimeCueParser.Parse(question, range.To.Year) is { HasPeriod: true, NamesYear: true } cue
        && cue.From > range.To;

    private static DateOnly? First(IndexSnapshot snapshot, bool newestFirst)
    {
        var hits = snapshot.Searcher.Search(DatedArticles, null, 1, new Sort(new SortField(IndexFields.SortDate, SortFieldType.INT64, newestFirst)))
            .ScoreDocs;
        return hits.Length == 0 ? null : snapshot.DateOf(hits[0].Doc);
    }
}
