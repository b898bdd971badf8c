using System.Text.Json;
using Bot.Core.Chunking;
using Bot.Cli.Output;
using Bot.Core.Evaluation;

namespace Bot.Cli.Bench;

/// <summary>
/// The prepared input of one archive size, shared by every engine: <c>corpus/archive.jsonl</c> (the articles, for our
/// pipeline to read and chunk itself), <c>passages.jsonl</c> (our chunker's passages of the same articles, for the
/// peers) and <c>queries.jsonl</c> (the known-item queries). Engines keep their index files under <see cref="Folder"/>.
/// </summary>
internal sealed class BenchData(string folder)
{
    public string Folder { get; } = folder;

    public string CorpusFolder => Path.Combine(Folder, "corpus");

    public string PassagesFile => Path.Combine(Folder, "passages.jsonl");

    public string QueriesFile => Path.Combine(Folder, "queries.jsonl");

    public string EngineFolder(string engine) => Path.Combine(Folder, engine);

    public async IAsyncEnumerable<Passage> ReadPassagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(PassagesFile);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var row = JsonSerializer.Deserialize<PassageRow>(line, CliJson.Options)!;
            yield return new Passage(row.Id, row.ArticleId, 0, row.Text);
        }
    }

    public async Task WritePassagesAsync(IEnumerable<Passage> passages, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(PassagesFile);
        foreach (var passage in passages)
        {
            await writer.WriteLineAsync(CliJson.Serialize(new PassageRow(passage.Id, passage.ArticleId, passage.Text))
                .AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<KnownItemQuery>> ReadQueriesAsync(CancellationToken cancellationToken) =>
        (await File.ReadAllLinesAsync(QueriesFile, cancellationToken).ConfigureAwait(false))
            .Select(line => JsonSerializer.Deserialize<KnownItemQuery>(line, CliJson.Options)!).ToList();

    public Task WriteQueriesAsync(IEnumerable<KnownItemQuery> queries, CancellationToken cancellationToken) =>
        File.WriteAllLinesAsync(QueriesFile, queries.Select(q => CliJson.Serialize(q)), cancellationToken);
}

internal sealed record PassageRow(string Id, string ArticleId, string Text);
