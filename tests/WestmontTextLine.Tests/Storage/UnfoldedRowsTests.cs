using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The session log's rows in memory: first in, first out, through growth and wrap-around.</summary>
public sealed class UnfoldedRowsTests
{
    [Fact]
    public void Rows_come_out_in_the_order_they_went_in_across_wrap_around_and_growth()
    {
        var queue = new UnfoldedRows();
        long next = 0, expected = 0;
        // Fill part way, drain some, and fill past the first capacity while the head is in the middle of the ring.
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 700 * (round + 1); i++) queue.Enqueue(new UnfoldedRow(next, PackedSenderKey.Of($"k{next}"), next++));
            for (var i = 0; i < 500; i++) Assert.Equal(expected++, queue.Dequeue().Seq);
            for (var i = 0; i < queue.Count; i++) Assert.Equal(expected + i, queue[i].Seq);
        }
        Assert.Equal(next - expected, queue.Count);
        while (queue.Count > 0) Assert.Equal($"k{expected++}", queue.Dequeue().SenderKey.ToString());
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void Clear_empties_it_for_reuse()
    {
        var queue = new UnfoldedRows();
        for (var i = 0; i < 10; i++) queue.Enqueue(new UnfoldedRow(i, PackedSenderKey.Of("k"), i));
        queue.Dequeue();
        queue.Clear();

        Assert.Equal(0, queue.Count);
        queue.Enqueue(new UnfoldedRow(99, PackedSenderKey.Of("k"), 0));
        Assert.Equal(99, queue[0].Seq);
    }

    [Fact]
    public void A_chunk_stays_out_of_the_large_object_heap()
    {
        var chunkBytes = System.Runtime.CompilerServices.Unsafe.SizeOf<UnfoldedRow>() * UnfoldedRows.ChunkRows;

        Assert.True(chunkBytes < 85_000 - 64, $"a chunk of {UnfoldedRows.ChunkRows} rows takes {chunkBytes} bytes");
        var chunk = new UnfoldedRow[UnfoldedRows.ChunkRows];
        Assert.Equal(0, GC.GetGeneration(chunk));
    }

    [Fact]
    public void It_holds_only_the_chunks_its_rows_need_and_lets_the_others_go()
    {
        var queue = new UnfoldedRows();
        var rows = UnfoldedRows.ChunkRows * 10 + 5;
        for (var i = 0; i < rows; i++) queue.Enqueue(new UnfoldedRow(i, PackedSenderKey.Of("k"), i));
        Assert.Equal(11, queue.Chunks);

        for (var i = 0; i < UnfoldedRows.ChunkRows * 9; i++) queue.Dequeue();
        Assert.Equal(2, queue.Chunks);
        Assert.Equal(UnfoldedRows.ChunkRows * 9, queue[0].Seq);
        Assert.Equal(rows - 1, queue[queue.Count - 1].Seq);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue[queue.Count]);

        while (queue.Count > 0) queue.Dequeue();
        Assert.True(queue.Chunks <= 1);
        queue.Enqueue(new UnfoldedRow(rows, PackedSenderKey.Of("k"), 0));
        Assert.Equal(rows, queue[0].Seq);
        Assert.Equal(1, queue.Chunks);
    }
}
