using System.CommandLine;
using Bot.Cli.Bench;
using Bot.Cli.Output;

namespace Bot.Cli.Commands;

/// <summary>
/// Hidden <c>bench-engine</c>: one phase (build or serve) of one engine of <c>bench --compare</c>, run by it in a child
/// process so each engine's memory is measured alone. Prints one JSON line.
/// </summary>
internal static class BenchEngineCommand
{
    public static Command Create()
    {
        var engine = new Option<string>("--engine") { Required = true };
        engine.AcceptOnlyFromAmong([.. CompareBench.Engines]);
        var phase = new Option<string>("--phase") { Required = true };
        phase.AcceptOnlyFromAmong("build", "serve");
        var data = new Option<DirectoryInfo>("--data") { Required = true };
        var connection = new Option<string?>("--connection");
        var k = new Option<int>("--k") { DefaultValueFactory = _ => 10 };
        var command = new Command(EngineProcess.Command, "One phase of one engine of bench --compare (run by it)")
        {
            engine, phase, data, connection, k,
        };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var folder = new BenchData(parse.GetValue(data)!.FullName);
            var name = parse.GetValue(engine)!;
            try
            {
                await using ISearchEngine instance = name switch
                {
                    OurEngine.Name => new OurEngine(folder),
                    SqliteFtsEngine.Name => new SqliteFtsEngine(folder),
                    _ => new PostgresFtsEngine(parse.GetValue(connection) ?? throw new ArgumentException("--connection is required"), folder),
                };
                object result = parse.GetValue(phase) == "build"
                    ? await EngineRunner.BuildAsync(instance, ct).ConfigureAwait(false)
                    : await EngineRunner.ServeAsync(instance, await folder.ReadQueriesAsync(ct).ConfigureAwait(false), parse.GetValue(k), ct)
                        .ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(CliJson.Serialize(result)).ConfigureAwait(false);
                return CliRunner.Success;
            }
            catch (Exception ex) when (ex is not OperationCanceledException) // The child's boundary: the parent shows this line.
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
                return CliRunner.Failure;
            }
        });
        return command;
    }
}
