using System.Threading.Channels;

namespace Bot.Core.Corpus;

/// <summary>
/// Articles as they enter the archive one at a time (feeds, links, channel posts), on the replica that stored them,
/// for whoever reacts to news (keyword alerts). Publishing never waits: a reader that falls more than
/// <see cref="Capacity"/> articles behind loses the oldest, and with no reader nothing piles up beyond that.
/// </summary>
public sealed class ArticlePublications
{
    internal const int Capacity = 1000;

    private readonly Channel<Article> _channel = Channel.CreateBounded<Article>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>A new article (not a replaced one) is searchable now.</summary>
    public void Publish(Article article) => _channel.Writer.TryWrite(article);

    /// <summary>The published articles in order, as they come; for one reader.</summary>
    public IAsyncEnumerable<Article> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
