using Bot.Core.Chunking;
using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary><see cref="IIndexViews"/> over <see cref="ArticleIndex"/>: each view is a lease on one <see cref="IndexSnapshot"/>.</summary>
internal sealed class IndexViews(ArticleIndex index) : IIndexViews
{
    public async Task<IIndexView> AcquireAsync(CancellationToken cancellationToken) =>
        new LeasedView(await index.AcquireAsync(cancellationToken).ConfigureAwait(false));

    private sealed class LeasedView(IndexLease lease) : IIndexView
    {
        private int _disposed;

        private IndexSnapshot Snapshot => lease.Snapshot;

        public object Version => Snapshot;

        public int ArticleCount => Snapshot.ArticleCount;

        public IEnumerable<(string Id, long Sequence)> ArticleVersions() => Snapshot.ArticleVersions();

        public Article? Article(string id) => Snapshot.Article(id);

        public IReadOnlyList<Passage> PassagesOf(string articleId) => Snapshot.PassagesOf(articleId);

        public Passage? Passage(string articleId, int ordinal) => Snapshot.Passage(articleId, ordinal);

        public Article? FindDuplicate(Article article) => Snapshot.FindDuplicate(article);

        // The lease counts references: a second Dispose must not release the view under someone else.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lease.Dispose();
            }
        }
    }
}
