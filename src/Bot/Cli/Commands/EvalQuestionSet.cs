using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using Bot.Core.Answering;
using Bot.Core.Evaluation;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>eval --questions FILE [--archive ARCHIVE.jsonl.gz]</c>: a hand-written question set (e.g. eval/saudinewsnet-questions.jsonl)
/// asked against the configured articles (or <c>--corpus</c>/<c>--index</c>), or against a news archive indexed in a scratch
/// folder. The archive is read where it lies at run time; nothing of it is copied into the repository.
/// </summary>
internal static class EvalQuestionSet
{
    public static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions global, FileInfo questionFile, FileInfo? archive, FileInfo? details,
        Func<CliContext, string, Func<IProgress<EvaluationProgress>, Task<QuestionSetReport>>, Task<QuestionSetReport>> withProgress,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ArchiveQuestion> questions;
        try
        {
            questions = QuestionSetEvaluation.Load(questionFile.FullName);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return CliRunner.Failure;
        }

        using var workspace = archive is null ? null : await ScratchWorkspace.CreateAsync(parse, archive, "eval").ConfigureAwait(false);
        if (archive is not null && workspace is null)
        {
            return CliRunner.Failure;
        }
        if (workspace is not null)
        {
            await CopyArchiveAsync(archive!.FullName, workspace.Corpus, cancellationToken).ConfigureAwait(false);
        }

        return await CliRunner.RunAsync(parse, global, async (context, token) =>
        {
            var evaluation = new QuestionSetEvaluation(context.Get<IAnswerer>());
            await using var detailLines = details?.CreateText();
            var report = await withProgress(context, "Questions", progress => evaluation.RunAsync(questions, progress, token,
                detail => detailLines?.WriteLine(EvalCommand.DetailLine(detail)))).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(report);
            }
            else
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    Questions:           {report.Questions} ({report.Unanswerable} unanswerable, {report.Answerable} answerable)
                    False answer rate:   {report.FalseAnswerRate:0.000}  ({string.Join(", ", report.FalseAnswerRateByKind.Select(p => $"{p.Key} {p.Value:0.00}"))})
                    Answer rate:         {report.AnswerRate:0.000}  (answerable questions answered)
                    Answer containment:  {report.AnswerContainment:0.000}
                    Model asked:         {report.ModelAsked:0.000}
                    """));
            }
            return CliRunner.Success;
        }, cancellationToken, workspace?.Overrides(global, parse)).ConfigureAwait(false);
    }

    private static async Task CopyArchiveAsync(string path, string corpus, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(corpus);
        await using var input = File.OpenRead(path);
        await using var decompressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
        await using var output = File.Create(Path.Combine(corpus, "archive.jsonl"));
        await decompressed.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }
}
