using System.CommandLine;
using Bot.Cli.Output;
using Bot.Core.Answering;

namespace Bot.Cli.Commands;

/// <summary><c>ask "question"</c>, or one question per line from standard input.</summary>
internal static class AskCommand
{
    public static Command Create(GlobalOptions global)
    {
        var question = new Argument<string?>("question")
        {
            Description = "The question, in Arabic. Without it, questions are read one per line from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        question.Validators.Add(r =>
        {
            // An unknown option would otherwise be taken for the question.
            if (r.Tokens.Count == 1 && r.Tokens[0].Value.StartsWith("--", StringComparison.Ordinal))
            {
                r.AddError($"Unrecognized option '{r.Tokens[0].Value}'.");
            }
        });
        var command = new Command("ask", "Answer a question from the articles, with cited sources") { question };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var answerer = context.Get<IAnswerer>();
            if (parse.GetValue(question) is { } single)
            {
                Write(context, await answerer.AnswerAsync(Question.Standalone(single), token).ConfigureAwait(false));
                return CliRunner.Success;
            }

            while (await Console.In.ReadLineAsync(token).ConfigureAwait(false) is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    Write(context, await answerer.AnswerAsync(Question.Standalone(line), token).ConfigureAwait(false));
                    await context.Out.FlushAsync(token).ConfigureAwait(false);
                }
            }
            return CliRunner.Success;
        }, ct));
        return command;
    }

    private static void Write(CliContext context, Answer answer)
    {
        if (context.Json)
        {
            context.WriteJson(CliJson.FromAnswer(answer));
            return;
        }
        context.Console.Answer(answer);
        context.Console.Line();
    }
}
