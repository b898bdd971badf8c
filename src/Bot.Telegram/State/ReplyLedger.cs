using Telegram.Bot.Types;

namespace Bot.Telegram.State;

/// <summary>
/// Notes that the bot's reply to a message has reached Telegram. With several replicas, an update whose replica
/// died after replying but before marking it done is then not answered a second time by the replica that takes it
/// over: the window for a duplicate shrinks from the whole handling to one database write.
/// </summary>
internal interface IReplyLedger
{
    /// <summary>Best effort: a failure is logged by the ledger, never thrown (the reply is already out).</summary>
    Task RepliedAsync(long chatId, int messageId, CancellationToken cancellationToken);
}

/// <summary>One process, nothing to take over: nothing to note.</summary>
internal sealed class NoReplyLedger : IReplyLedger
{
    public Task RepliedAsync(long chatId, int messageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One process with its embedded inbox: no other owner holds a lease on an update, so nothing to renew or take over.</summary>
internal sealed class NoUpdateClaims : IUpdateClaims
{
    public Task<bool> TryClaimAsync(Update update, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task RenewAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<Update>> TakeOverExpiredAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Update>>([]);

    public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
