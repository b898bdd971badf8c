using System.CommandLine;
using Bot.Cli.Commands;

namespace Bot.Cli;

/// <summary>The command line: each subcommand is one file under Commands/; no command starts the Telegram worker.</summary>
internal static class BotCommandLine
{
    public static RootCommand Create()
    {
        var global = new GlobalOptions();
        var root = new RootCommand("بوت الأسئلة عن المقالات العربية — Arabic article Q&A bot with cited answers. "
            + "Without a command, runs the Telegram worker.");
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(AskCommand.Create(global));
        root.Subcommands.Add(SearchCommand.Create(global));
        root.Subcommands.Add(SummaryCommand.Create(global));
        root.Subcommands.Add(DigestCommand.Create(global));
        root.Subcommands.Add(ArticlesCommand.Create(global));
        root.Subcommands.Add(ChatCommand.Create(global));
        root.Subcommands.Add(EvalCommand.Create(global));
        root.Subcommands.Add(ReindexCommand.Create(global));
        root.Subcommands.Add(BenchToolCommand.Create());
        root.Subcommands.Add(SourcesCommand.Create(global));
        root.Subcommands.Add(IngestCommand.Create(global));
        root.Subcommands.Add(AddCommand.Create(global));
        root.Options.Add(global.Urls); // The worker's only: the other commands listen nowhere.
        root.SetAction((parse, ct) => WorkerCommand.RunAsync(parse, global, ct));
        return root;
    }

    /// <summary>Parses and runs; a parse error prints the errors and usage and exits with 2.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }
            await configuration.Error.WriteLineAsync().ConfigureAwait(false);
            // Usage goes to standard error too: standard output is reserved for results.
            await parse.CommandResult.Command.Parse(["--help"])
                .InvokeAsync(new InvocationConfiguration { Output = configuration.Error, Error = configuration.Error })
                .ConfigureAwait(false);
            return CliRunner.UsageError;
        }
        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
