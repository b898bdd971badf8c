using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bot.Core.Answering;
using Bot.Core.Evaluation;
using Bot.Core.Search;
using Bot.Core.Summaries;
using Spectre.Console;

namespace Bot.Cli.Commands;

/// <summary>
/// <c>eval --qa FILE</c> (SQuAD format) or <c>eval --summaries FILE.jsonl</c> (EASC): indexes the set as a temporary
/// corpus, runs the configured answerer or summariser over it and reports the metrics.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(GlobalOptions global)
    {
        var qa = new Option<FileInfo?>("--qa") { Description = "Questions in SQuAD format (e.g. xquad.ar.json)", HelpName = "FILE" };
        var summaries = new Option<FileInfo?>("--summaries") { Description = "Documents with reference summaries (EASC JSONL)", HelpName = "FILE" };
        var k = new Option<int>("--k") { Description = "Passages counted for Recall@k", DefaultValueFactory = _ => 5 };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N questions or documents" };
        var unanswerable = new Option<bool>("--unanswerable")
        {
            Description = "With --qa: ask every question also with its whole article removed; report false answers (SQuAD 2.0 style)",
        };
        var retriever = new Option<string?>("--retriever")
        {
            Description = "With --qa: measure these retrievers side by side in one table (bm25, ngram, dense, hybrid or all)",
            HelpName = "NAME",
        };
        retriever.AcceptOnlyFromAmong(EvalRetrievers.Names);
        var perturb = new Option<bool>("--perturb")
        {
            Description = "With --qa: repeat the retriever table on questions with realistic spelling variation and report the drop",
        };
        var details = new Option<FileInfo?>("--details")
        {
            Description = "With --qa or --questions: also write one JSON line per question (gold answers, gold passage rank, answer, contained) to FILE",
            HelpName = "FILE",
        };
        var questions = new Option<FileInfo?>("--questions")
        {
            Description = "Hand-written questions (JSONL: question, answerable, kind, answers) asked against the configured articles, or --archive",
            HelpName = "FILE",
        };
        var archive = new Option<FileInfo?>("--archive")
        {
            Description = "With --questions: index this news archive (JSONL, optionally gzipped) in a scratch folder and ask against it",
            HelpName = "FILE",
        };
        var digest = new Option<bool>("--digest")
        {
            Description = "Digest coverage of the days' biggest stories and timeline checks, on the configured index (--dates, --topics)",
        };
        var dates = new Option<string>("--dates")
        {
            Description = "With --digest: days to check, comma-separated",
            DefaultValueFactory = _ => EvalDigest.DefaultDates,
            HelpName = "D,D",
        };
        var topics = new Option<string>("--topics")
        {
            Description = "With --digest: timeline topics, separated by |",
            DefaultValueFactory = _ => EvalDigest.DefaultTopics,
            HelpName = "A|B",
        };
        var command = new Command("eval", "Measure retrieval, answers (--qa), summaries (--summaries) or digests and timelines (--digest)")
        {
            qa, summaries, k, limit, unanswerable, retriever, perturb, questions, archive, details, digest, dates, topics,
        };
        command.Validators.Add(r =>
        {
            if (new[] { r.GetValue(qa), r.GetValue(summaries), r.GetValue(questions) }.Count(f => f is not null) + (r.GetValue(digest) ? 1 : 0) != 1)
            {
                r.AddError("Give exactly one of --qa FILE, --summaries FILE, --questions FILE or --digest.");
            }
            if (r.GetValue(details) is not null
                && (r.GetValue(summaries) is not null || r.GetValue(unanswerable) || r.GetValue(retriever) is not null || r.GetValue(perturb)))
            {
                r.AddError("--details goes with --qa FILE (alone) or --questions FILE.");
            }
            if (r.GetValue(archive) is not null && r.GetValue(questions) is null)
            {
                r.AddError("--archive goes with --questions FILE.");
            }
            if (r.GetValue(qa) is null && (r.GetValue(unanswerable) || r.GetValue(retriever) is not null || r.GetValue(perturb)))
            {
                r.AddError("--unanswerable, --retriever and --perturb go with --qa FILE.");
            }
        });

        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(digest))
            {
                return await CliRunner.RunAsync(parse, global, (context, token) =>
                    EvalDigest.RunAsync(context, parse.GetValue(dates)!, parse.GetValue(topics)!, token), ct).ConfigureAwait(false);
            }
            if (parse.GetValue(questions) is { } questionFile)
            {
                return await EvalQuestionSet.RunAsync(parse, global, questionFile, parse.GetValue(archive), parse.GetValue(details),
                    (context, label, run) => WithProgressAsync(context, label, run), ct).ConfigureAwait(false);
            }
            var file = parse.GetValue(qa) ?? parse.GetValue(summaries)!;
            using var workspace = await ScratchWorkspace.CreateAsync(parse, file, "eval").ConfigureAwait(false);
            if (workspace is null)
            {
                return CliRunner.Failure;
            }

            try
            {
                var corpus = workspace.Corpus;
                var overrides = workspace.Overrides(global, parse);
                if (parse.GetValue(qa) is not null)
                {
                    var paragraphs = SquadDataset.Load(file.FullName);
                    await EvaluationCorpus.WriteAsync(corpus, QaEvaluation.Corpus(paragraphs), ct).ConfigureAwait(false);
                    if (parse.GetValue(retriever) is not null || parse.GetValue(perturb))
                    {
                        return await CliRunner.RunAsync(parse, global, (context, token) => EvalRetrievers.RunAsync(
                            context, paragraphs, parse.GetValue(retriever), parse.GetValue(perturb), parse.GetValue(k), parse.GetValue(limit),
                            (label, run) => WithProgressAsync(context, label, run), token), ct, overrides).ConfigureAwait(false);
                    }
                    if (parse.GetValue(unanswerable))
                    {
                        return await CliRunner.RunAsync(parse, global, async (context, token) =>
                        {
                            var evaluation = new UnanswerableEvaluation(context.Get<IAnswerer>(), context.Get<IIndexMaintenance>(), corpus);
                            var report = await WithProgressAsync(context, "Questions",
                                progress => evaluation.RunAsync(paragraphs, parse.GetValue(limit), progress, token)).ConfigureAwait(false);
                            Print(context, report, Describe(report));
                            return CliRunner.Success;
                        }, ct, overrides).ConfigureAwait(false);
                    }
                    return await CliRunner.RunAsync(parse, global, async (context, token) =>
                    {
                        var evaluation = new QaEvaluation(context.Get<IAnswerer>(), context.Get<IPassageSearch>());
                        await using var detailLines = parse.GetValue(details) is { } detailFile ? detailFile.CreateText() : null;
                        var report = await WithProgressAsync(context, "Questions",
                            progress => evaluation.RunAsync(paragraphs, parse.GetValue(k), parse.GetValue(limit), progress, token,
                                detail => detailLines?.WriteLine(DetailLine(detail)))).ConfigureAwait(false);
                        Print(context, report, Describe(report));
                        return CliRunner.Success;
                    }, ct, overrides).ConfigureAwait(false);
                }

                var documents = EascDataset.Load(file.FullName);
                await EvaluationCorpus.WriteAsync(corpus, SummaryEvaluation.Corpus(documents), ct).ConfigureAwait(false);
                return await CliRunner.RunAsync(parse, global, async (context, token) =>
                {
                    var evaluation = new SummaryEvaluation(context.Get<ISummarizer>());
                    var report = await WithProgressAsync(context, "Summaries",
                        progress => evaluation.RunAsync(documents, parse.GetValue(limit), progress, token)).ConfigureAwait(false);
                    Print(context, report, Describe(report));
                    return CliRunner.Success;
                }, ct, overrides).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
                return CliRunner.Failure;
            }
        });
        return command;
    }

    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One question of <c>--details</c> as a JSON line, Arabic unescaped.</summary>
    internal static string DetailLine(QuestionDetail detail) => JsonSerializer.Serialize(detail, DetailJson);

    private static async Task<T> WithProgressAsync<T>(CliContext context, string label, Func<IProgress<EvaluationProgress>, Task<T>> run)
    {
        if (context.Json || Console.IsErrorRedirected)
        {
            return await run(new Progress<EvaluationProgress>()).ConfigureAwait(false);
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await terminal.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: 1);
            return await run(new Progress<EvaluationProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            })).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static void Print<T>(CliContext context, T report, string text)
    {
        if (context.Json)
        {
            context.WriteJson(report);
        }
        else
        {
            context.Out.WriteLine(text);
        }
    }

    private static string Describe(QaEvalReport r) => string.Create(CultureInfo.InvariantCulture, $"""
        Questions:          {r.Questions}
        Recall@1:           {r.RecallAt1:0.000}
        Recall@{r.K}:           {r.RecallAtK:0.000}
        MRR:                {r.Mrr:0.000}
        Answer containment: {r.AnswerContainment:0.000}
        Answer token F1:    {r.AnswerF1:0.000}
        Latency p50/p95/p99: {r.P50Ms:0.0} / {r.P95Ms:0.0} / {r.P99Ms:0.0} ms
        Model asked:        {r.ModelAsked:0.000}
        """);

    private static string Describe(UnanswerableReport r) => string.Create(CultureInfo.InvariantCulture, $"""
        Questions:           {r.Questions} (asked twice: full corpus, and without their article; {r.Articles} articles)
        False answer rate:   {r.FalseAnswerRate:0.000}  (answered although the article was removed)
        Answer rate:         {r.AnswerRate:0.000}  (answerable questions answered)
        Answer containment:  {r.AnswerContainment:0.000}  (answerable questions whose answer contains the gold answer)
        Model asked:         {r.ModelAsked:0.000}
        False firm answers:  {r.FalseFirmAnswerRate:0.000}  (article removed; tentative: {r.FalseTentativeRate:0.000})
        Useful rate:         {r.UsefulRate:0.000}  (answerable: firm or tentative answer holding the gold; firm containment {r.FirmContainment:0.000})
        {Tiers("Answerable", r.Answerable)}
        {Tiers("Unanswerable", r.Unanswerable)}
        """);

    /// <summary>«Answerable: firm 0.612 (holds gold 0.580) · tentative 0.200 (0.150) · refused 0.188», one line per tier split.</summary>
    internal static string Tiers(string label, TierSplit s) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-20} firm {s.FirmRate:0.000} (holds gold {s.FirmContainment:0.000}) · tentative {s.TentativeRate:0.000} ({s.TentativeContainment:0.000}) · refused {s.RefusedRate:0.000}  [{s.Questions}]");

    private static string Describe(SummaryEvalReport r) => string.Create(CultureInfo.InvariantCulture, $"""
        Documents:  {r.Documents}
                    ROUGE-1  ROUGE-2  ROUGE-L
        Summaries:  {r.Rouge1:0.000}    {r.Rouge2:0.000}    {r.RougeL:0.000}
        Lead-3:     {r.Lead3Rouge1:0.000}    {r.Lead3Rouge2:0.000}    {r.Lead3RougeL:0.000}
        """);
}
