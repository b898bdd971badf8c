using System.CommandLine;

namespace Bot.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create(GlobalOptions global)
    {
        _ = global;
        return new Command("eval", "Measure retrieval, answers and summaries on an evaluation set");
    }
}
