using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Bot.Core.Search;

internal sealed partial class IndexSnapshot
{
    /// <summary>
    /// Every article that has passages, as its id and the sequence number it was indexed with (a changed article is
    /// indexed again under a new one), read from doc values only: no stored text is loaded and nothing is chunked, so a
    /// consumer that keeps work per article (the dense retriever's vectors) redoes it only for what a new view changed.
    /// </summary>
    public IEnumerable<(string Id, long Sequence)> ArticleVersions()
    {
        foreach (var leaf in Reader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var articles = reader.GetTermDocsEnum(new Term(IndexFields.Kind, IndexFields.ArticleKind));
            var ids = reader.GetSortedDocValues(IndexFields.ArticleId);
            var sequences = reader.GetNumericDocValues(IndexFields.Sequence);
            if (articles is null || ids is null || sequences is null)
            {
                continue;
            }
            var id = new BytesRef();
            for (var doc = articles.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = articles.NextDoc())
            {
                // A block is the article's passages, then the article: its last passage sits just before it.
                var ordinal = doc > 0 ? ids.GetOrd(doc - 1) : -1;
                if (ordinal < 0)
                {
                    continue; // no passages
                }
                ids.LookupOrd(ordinal, id);
                yield return (id.Utf8ToString(), sequences.Get(doc));
            }
        }
    }
}
