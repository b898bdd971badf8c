using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Search;

namespace Bot.Core.Sources;

/// <summary>What the bot remembers about one feed between polls and across restarts.</summary>
internal sealed class FeedState
{
    /// <summary>Item keys (links or ids) already taken or given up on, newest last; bounded.</summary>
    public const int MaxRemembered = 2000;

    public string Url { get; set; } = string.Empty;
    public DateTimeOffset? LastPollAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? NextPollAt { get; set; }
    public string? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public int ItemsTaken { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public List<string> Seen { get; set; } = [];

    public void Remember(string key)
    {
        if (!Seen.Contains(key))
        {
            Seen.Add(key);
        }
        if (Seen.Count > MaxRemembered)
        {
            Seen.RemoveRange(0, Seen.Count - MaxRemembered);
        }
    }
}

/// <summary>
/// The state of every feed in one small JSON file, <c>sources-state.json</c> under <c>Index:Path</c>, written to a
/// temporary file and renamed into place so an interrupted write never leaves a broken file. One process writes it
/// at a time through this store; an unreadable file is set aside and the feeds start afresh (duplicates are still
/// recognised by the archive).
/// </summary>
internal sealed class FeedStateStore(IndexLocation index, TimeProvider clock)
{
    public const string FileName = "sources-state.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, FeedState>? _states;

    public string FilePath => Path.Combine(index.Folder, FileName);

    /// <summary>A copy of the feed's state (a fresh one for a feed never polled).</summary>
    public async Task<FeedState> GetAsync(string url, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = await LoadAsync(cancellationToken).ConfigureAwait(false);
            return Copy(states.GetValueOrDefault(url) ?? new FeedState { Url = url });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = await LoadAsync(cancellationToken).ConfigureAwait(false);
            states[state.Url] = Copy(state);
            Directory.CreateDirectory(index.Folder);
            var temp = FilePath + ".tmp-" + Guid.NewGuid().ToString("N");
            await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(states.Values.OrderBy(s => s.Url).ToList(), Json), CancellationToken.None)
                .ConfigureAwait(false);
            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, FeedState>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_states is not null)
        {
            return _states;
        }
        _states = [];
        if (File.Exists(FilePath))
        {
            try
            {
                var text = await File.ReadAllTextAsync(FilePath, cancellationToken).ConfigureAwait(false);
                foreach (var state in JsonSerializer.Deserialize<List<FeedState>>(text, Json) ?? [])
                {
                    _states[state.Url] = state;
                }
            }
            catch (JsonException)
            {
                File.Move(FilePath, FilePath + ".broken-" + clock.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), overwrite: true);
            }
        }
        return _states;
    }

    private static FeedState Copy(FeedState state)
    {
        var copy = (FeedState)JsonSerializer.Deserialize(JsonSerializer.Serialize(state, Json), typeof(FeedState), Json)!;
        return copy;
    }
}
