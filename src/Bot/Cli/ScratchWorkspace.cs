using System.CommandLine;
using Bot.Hosting;

namespace Bot.Cli;

/// <summary>A temporary corpus and index for commands that measure on a data set (eval, bench); deleted afterwards.</summary>
internal sealed class ScratchWorkspace : IDisposable
{
    private readonly DirectoryInfo _root;

    private ScratchWorkspace(string name)
    {
        _root = Directory.CreateTempSubdirectory($"bot-{name}-");
        Corpus = Path.Combine(_root.FullName, "corpus");
    }

    public string Corpus { get; }

    /// <summary>A workspace for reading <paramref name="input"/>, or null (after saying so) when the file is missing.</summary>
    public static async Task<ScratchWorkspace?> CreateAsync(ParseResult parse, FileInfo input, string name)
    {
        if (input.Exists)
        {
            return new ScratchWorkspace(name);
        }
        await parse.InvocationConfiguration.Error.WriteLineAsync($"Error: {input.FullName} does not exist.").ConfigureAwait(false);
        return null;
    }

    /// <summary>The command's overrides, pointed at this workspace.</summary>
    public HostOverrides Overrides(GlobalOptions global, ParseResult parse) =>
        global.Overrides(parse) with { CorpusPath = Corpus, IndexPath = Path.Combine(_root.FullName, "index") };

    public string IndexFolder => Path.Combine(_root.FullName, "index");

    /// <summary>A folder of this name inside the workspace (not created).</summary>
    public string Folder(string name) => Path.Combine(_root.FullName, name);

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
