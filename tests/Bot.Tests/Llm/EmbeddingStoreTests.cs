using Bot.Llm.Retrieval;
using Bot.Tests.TestSupport;

namespace Bot.Tests.Llm;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Vectors_written_by_one_run_are_read_by_the_next_and_a_torn_last_record_is_ignored()
    {
        var first = new EmbeddingStore(_folder.Path, "text-embedding-3-small");
        var damascus = EmbeddingStore.Key("زار وزير الدفاع السوري طهران.");
        var tehran = EmbeddingStore.Key("التقى الوزير نظيره الإيراني.");
        await first.AddAsync([(damascus, [0.5f, -1f, 2f]), (tehran, [1f, 0f, 0.25f])], CancellationToken.None);
        // A crash in the middle of the next record: its header and half its numbers reached the disk.
        var file = Directory.GetFiles(_folder.Path).Single();
        await using (var append = new FileStream(file, FileMode.Append))
        {
            append.Write(Convert.FromHexString(EmbeddingStore.Key("جملة لم تكتمل")));
            append.Write(BitConverter.GetBytes(3));
            append.Write(BitConverter.GetBytes(1f));
        }

        var next = new EmbeddingStore(_folder.Path, "text-embedding-3-small");
        await next.LoadAsync(CancellationToken.None);

        Assert.Equal(2, next.Count);
        Assert.True(next.TryGet(damascus, out var vector));
        Assert.Equal([0.5f, -1f, 2f], vector);
        Assert.True(next.TryGet(tehran, out var other));
        Assert.Equal([1f, 0f, 0.25f], other);
    }

    [Fact]
    public async Task A_torn_last_record_is_cut_away_before_the_next_run_appends_so_its_records_are_read_back_whole()
    {
        var first = new EmbeddingStore(_folder.Path, "text-embedding-3-small");
        var damascus = EmbeddingStore.Key("زار وزير الدفاع السوري طهران.");
        await first.AddAsync([(damascus, [0.5f, -1f, 2f])], CancellationToken.None);
        var file = Directory.GetFiles(_folder.Path).Single();
        var whole = new FileInfo(file).Length;
        await using (var append = new FileStream(file, FileMode.Append))
        {
            append.Write(Convert.FromHexString(EmbeddingStore.Key("جملة لم تكتمل")));
            append.Write(BitConverter.GetBytes(3));
            append.Write(BitConverter.GetBytes(1f));
        }

        // The next run loads, then embeds a new passage.
        var second = new EmbeddingStore(_folder.Path, "text-embedding-3-small");
        await second.LoadAsync(CancellationToken.None);
        var tehran = EmbeddingStore.Key("التقى الوزير نظيره الإيراني.");
        await second.AddAsync([(tehran, [1f, 0f, 0.25f])], CancellationToken.None);

        var third = new EmbeddingStore(_folder.Path, "text-embedding-3-small");
        await third.LoadAsync(CancellationToken.None);

        Assert.Equal(2, third.Count);
        Assert.True(third.TryGet(damascus, out var vector));
        Assert.Equal([0.5f, -1f, 2f], vector);
        Assert.True(third.TryGet(tehran, out var other));
        Assert.Equal([1f, 0f, 0.25f], other);
        Assert.Equal(2 * whole, new FileInfo(file).Length);
    }

    public void Dispose() => _folder.Dispose();
}
