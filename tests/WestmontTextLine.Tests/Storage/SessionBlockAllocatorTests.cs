using System.Runtime.InteropServices;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The sessions' native blocks come from size classes of the line's own: a freed block is the next one of its class,
/// whatever thread frees or asks, and a chunk left empty serves another class or goes back.
/// </summary>
public sealed class SessionBlockAllocatorTests
{
    private const int SmallChunk = 4096;

    [Theory]
    [InlineData(1, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 64)]
    [InlineData(206, 224)]
    [InlineData(SessionBlockAllocator.LargestClass, SessionBlockAllocator.LargestClass)]
    [InlineData(SessionBlockAllocator.LargestClass + 1, SessionBlockAllocator.LargestClass + 1)]
    public void Sizes_round_up_to_their_class_and_oversize_ones_stay_as_asked(int bytes, int size)
    {
        Assert.Equal(size, SessionBlockAllocator.SizeOf(bytes));
    }

    [Fact]
    public void Blocks_of_a_class_lie_one_class_size_apart_so_a_block_has_room_for_its_whole_class()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);

        var first = allocator.Allocate(33);
        var second = allocator.Allocate(64);
        var third = allocator.Allocate(40);

        Assert.Equal(64, second - first);
        Assert.Equal(64, third - second);
    }

    [Fact]
    public void A_freed_block_is_the_next_block_of_its_class_even_when_freed_on_another_thread()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        allocator.Allocate(200);
        var freed = allocator.Allocate(210);
        allocator.Allocate(100);

        var thread = new Thread(() => allocator.Free(freed, 210));
        thread.Start();
        thread.Join();

        Assert.NotEqual(freed, allocator.Allocate(100));
        Assert.Equal(freed, allocator.Allocate(193));
    }

    [Fact]
    public void A_chunk_emptied_by_one_class_serves_the_next_class_that_needs_one_without_mapping_more()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        var small = Enumerable.Range(0, 20).Select(_ => allocator.Allocate(64)).ToArray();
        var chunks = allocator.Chunks;

        foreach (var block in small) allocator.Free(block, 64);
        var larger = Enumerable.Range(0, 10).Select(_ => allocator.Allocate(128)).ToArray();

        Assert.Equal(chunks, allocator.Chunks);
        Assert.Contains(larger[0], small);
    }

    [Fact]
    public void Empty_chunks_past_the_few_kept_spare_are_given_back()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        var perChunk = SmallChunk / 256;
        var blocks = Enumerable.Range(0, perChunk * (SessionBlockAllocator.SpareChunksKept + 6)).Select(_ => allocator.Allocate(256)).ToList();
        Assert.True(allocator.Chunks >= SessionBlockAllocator.SpareChunksKept + 6);

        foreach (var block in blocks) allocator.Free(block, 256);

        Assert.Equal(SessionBlockAllocator.SpareChunksKept, allocator.Chunks);
        Assert.Equal(0, allocator.LiveBlocks);
    }

    [Fact]
    public void Every_block_handed_out_at_once_is_its_own_and_keeps_what_is_written_in_it()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        var sizes = Enumerable.Range(0, 2_000).Select(i => 8 + i * 7 % (SessionBlockAllocator.LargestClass + 200)).ToArray();
        var blocks = sizes.Select(allocator.Allocate).ToArray();
        for (var i = 0; i < blocks.Length; i++) Fill(blocks[i], sizes[i], (byte)i);

        // Every other one freed and taken again: the new ones must not overlap the ones kept.
        for (var i = 0; i < blocks.Length; i += 2) allocator.Free(blocks[i], sizes[i]);
        for (var i = 0; i < blocks.Length; i += 2)
        {
            blocks[i] = allocator.Allocate(sizes[i]);
            Fill(blocks[i], sizes[i], (byte)(i + 1));
        }

        for (var i = 0; i < blocks.Length; i++) Assert.True(Holds(blocks[i], sizes[i], (byte)(i % 2 == 0 ? i + 1 : i)), $"block {i}");
        for (var i = 0; i < blocks.Length; i++) allocator.Free(blocks[i], sizes[i]);
        Assert.Equal(0, allocator.LiveBlocks);
    }

    [Fact]
    public void An_oversize_block_works_and_is_counted_until_freed()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        const int Oversize = 4 + 1600 * 3;

        var block = allocator.Allocate(Oversize);
        Fill(block, Oversize, 7);

        Assert.True(Holds(block, Oversize, 7));
        Assert.Equal(1, allocator.LiveBlocks);
        Assert.Equal(0, allocator.Chunks);
        allocator.Free(block, Oversize);
        Assert.Equal(0, allocator.LiveBlocks);
    }

    [Fact]
    public async Task Threads_allocating_and_freeing_at_once_never_share_a_block()
    {
        using var allocator = new SessionBlockAllocator(SmallChunk);
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Factory.StartNew(() =>
        {
            var held = new Queue<(nint Block, int Size)>();
            for (var i = 0; i < 20_000; i++)
            {
                var size = 60 + (i * 16 + worker * 32) % 200;
                var block = allocator.Allocate(size);
                Fill(block, size, (byte)worker);
                held.Enqueue((block, size));
                if (held.Count <= 50) continue;
                var (old, oldSize) = held.Dequeue();
                Assert.True(Holds(old, oldSize, (byte)worker));
                allocator.Free(old, oldSize);
            }
            foreach (var (block, size) in held) allocator.Free(block, size);
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(workers);

        Assert.Equal(0, allocator.LiveBlocks);
        Assert.True(allocator.Chunks <= SessionBlockAllocator.SpareChunksKept);
    }

    private static void Fill(nint block, int size, byte value)
    {
        for (var i = 0; i < size; i++) Marshal.WriteByte(block, i, value);
    }

    private static bool Holds(nint block, int size, byte value)
    {
        for (var i = 0; i < size; i++)
        {
            if (Marshal.ReadByte(block, i) != value) return false;
        }
        return true;
    }
}
