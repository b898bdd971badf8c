namespace Bot.Core.Sources;

/// <summary>Whether this process is the one that polls the feeds, when several replicas share one article store.</summary>
public interface IFeedPollingLeader
{
    /// <summary>True while this process holds the turn; asked before each polling pass.</summary>
    Task<bool> HoldsAsync(CancellationToken cancellationToken);
}

/// <summary>One process, one poller: always its turn.</summary>
internal sealed class SingleProcessLeader : IFeedPollingLeader
{
    public Task<bool> HoldsAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
