using System.CommandLine;
using Bot.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Bot.Cli.Commands;

/// <summary><c>reindex</c>: rebuilds the index even when the articles did not change.</summary>
internal static class ReindexCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("reindex", "Rebuild the search index from the articles");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var index = context.Services.GetRequiredService<IIndexMaintenance>();
            IndexSummary manifest;
            if (!context.Json && !Console.IsErrorRedirected)
            {
                // The bar goes to standard error so standard output stays clean for scripts.
                var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                manifest = await terminal.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Indexing articles", maxValue: 1);
                    task.IsIndeterminate = true;
                    var reporter = new Progress<IndexProgress>(p =>
                    {
                        task.Description = $"Indexing articles ({p.Done:N0})";
                        if (p.Total is { } total)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = Math.Max(1, total);
                            task.Value = p.Done;
                        }
                    });
                    return await index.RebuildAsync(reporter, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                var reporter = new Progress<IndexProgress>(p =>
                    context.Error.WriteLine(p.Total is { } total ? $"{p.Stage}: {p.Done}/{total} articles" : $"{p.Stage}: {p.Done} articles"));
                manifest = await index.RebuildAsync(reporter, token).ConfigureAwait(false);
            }

            if (context.Json)
            {
                context.WriteJson(new
                {
                    articles = manifest.ArticleCount,
                    passages = manifest.PassageCount,
                    buildMs = manifest.Milliseconds,
                });
            }
            else
            {
                context.Out.WriteLine(
                    $"Indexed {manifest.ArticleCount} articles into {manifest.PassageCount} passages in {manifest.Milliseconds} ms.");
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }
}
