using Bot.Core.Corpus;

namespace Bot.Core.Search;

/// <summary>What a commit records besides the documents: schema, the source files it reflects, the next sequence.</summary>
internal sealed record IndexCommitData(string Schema, IReadOnlyDictionary<string, SourceFile> Files, long NextSequence)
{
    private const string SchemaKey = "schema";
    private const string FilesKey = "files";
    private const string SequenceKey = "seq";

    public static IndexCommitData Read(IDictionary<string, string> data)
    {
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        if (data.TryGetValue(FilesKey, out var json) && json.Length > 0)
        {
            foreach (var entry in System.Text.Json.JsonSerializer.Deserialize<string[][]>(json) ?? [])
            {
                files[entry[0]] = new SourceFile(entry[0], long.Parse(entry[1]), long.Parse(entry[2]));
            }
        }
        return new IndexCommitData(
            data.TryGetValue(SchemaKey, out var schema) ? schema : string.Empty,
            files,
            data.TryGetValue(SequenceKey, out var seq) && long.TryParse(seq, out var next) ? next : 0);
    }

    public Dictionary<string, string> ToUserData() => new(StringComparer.Ordinal)
    {
        [SchemaKey] = Schema,
        [FilesKey] = System.Text.Json.JsonSerializer.Serialize(
            Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new[] { f.Path, f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), f.ModifiedTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) })),
        [SequenceKey] = NextSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
