using Bot.Tests.TestSupport;

namespace Bot.Tests.Search;

/// <summary>
/// The program serving one archive, question after question, in a process of its own so nothing else in the test
/// run moves the measurement: its resident memory after a thousand more questions stays where it was.
/// </summary>
public sealed class ServingMemoryTests : IDisposable
{
    private static readonly string[] Questions =
        ["كم تكلفة المستشفى الجديد في تبوك؟", "ماذا أطلق وزير النقل في جدة؟", "متى زار أمير المنطقة أبها؟", "ما مبادرة التطوع في حائل؟"];

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Serving_the_same_archive_for_many_questions_keeps_memory_flat()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Resident memory is read from /proc, which only Linux has (the CI machine is Linux).
        }
        var archive = SyntheticArchive.Write(_temp.Combine("archive.jsonl"), 1500);
        using var bot = BotProcess.Start(["ask", "--json", "--offline", "--corpus", archive, "--index", _temp.Combine("index")]);
        var asked = 0;

        async Task AskAsync(int count)
        {
            for (var i = 0; i < count; i++, asked++)
            {
                await bot.StandardInput.WriteLineAsync($"{Questions[asked % Questions.Length]} رقم {asked % 1500}");
                await bot.StandardInput.FlushAsync();
                Assert.NotNull(await bot.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            }
        }

        long ResidentKb() => long.Parse(File.ReadLines($"/proc/{bot.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

        await AskAsync(300);
        var before = ResidentKb();
        await AskAsync(800);
        var after = ResidentKb();
        bot.StandardInput.Close();
        await bot.WaitForExitAsync();

        Assert.True(after - before < 16 * 1024, $"resident memory grew from {before / 1024} MB to {after / 1024} MB over 800 questions");
    }

    public void Dispose() => _temp.Dispose();
}
