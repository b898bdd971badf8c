using System.CommandLine;
using System.Text;
using Bot.Cli;
using Bot.Cli.Commands;

// bench [--compare …] and the hidden bench-engine child command; the product's own `bench` command forwards here.
Console.OutputEncoding = Encoding.UTF8;
var global = new GlobalOptions();
var root = new RootCommand("Benchmarks of the Arabic article Q&A bot: index build, search and answer latency, memory");
foreach (var option in global.All)
{
    root.Options.Add(option);
}
root.Subcommands.Add(BenchCommand.Create(global));
root.Subcommands.Add(BenchEngineCommand.Create());
return await root.Parse(args).InvokeAsync();
