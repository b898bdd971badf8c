using System.Text.Encodings.Web;
using System.Text.Json;
using Bot.Core.Search;

namespace Bot.Core.Conversations;

/// <summary>Appends feedback as one JSON line per vote to <c>feedback.jsonl</c> under <c>Index:Path</c>.</summary>
internal sealed class JsonlFeedbackStore(IndexLocation location) : IFeedbackStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath => Path.Combine(location.Folder, "feedback.jsonl");

    public async Task AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new
        {
            conversation = feedback.Conversation.ToString(),
            feedback.Question,
            feedback.Answer,
            feedback.Helpful,
            feedback.At,
        }, Json) + "\n";

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(location.Folder);
            await File.AppendAllTextAsync(FilePath, line, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
