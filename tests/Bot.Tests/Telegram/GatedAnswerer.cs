using System.Runtime.CompilerServices;
using Bot.Core.Answering;

namespace Bot.Tests.Telegram;

/// <summary>
/// A very slow language model, as the bot sees it: a question that starts with <see cref="Marker"/> is answered only
/// when the test opens the gate (however long that takes); every other question goes to the real offline engine.
/// </summary>
internal sealed class GatedAnswerer : IAnswerer
{
    public const string Marker = "سؤال بطيء:";

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The real engine that writes the answers.</summary>
    public IAnswerer? Engine { get; set; }

    /// <summary>Completes when the slow answer has started.</summary>
    public Task Entered => _entered.Task;

    public bool IsOpen => _gate.Task.IsCompleted;

    public void Open() => _gate.TrySetResult();

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        await HoldAsync(question, cancellationToken);
        return await Engine!.AnswerAsync(question with { Text = question.Text.Replace(Marker, "").Trim() }, cancellationToken);
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(Question question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new AnswerUpdate(null, await AnswerAsync(question, cancellationToken));
    }

    private async Task HoldAsync(Question question, CancellationToken cancellationToken)
    {
        if (question.Text.StartsWith(Marker, StringComparison.Ordinal))
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }
    }
}
