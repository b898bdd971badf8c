namespace Bot.Core.Answering;

/// <summary>
/// The key-content rules as a check on someone else's answer: whether the sentences it quotes, together, carry the
/// question's key content. A model's answer that fails it is shown marked tentative, never replaced.
/// </summary>
public interface ISupportCheck
{
    Task<bool> QuotesCarryAsync(string query, IEnumerable<string> quotes, CancellationToken cancellationToken);
}
