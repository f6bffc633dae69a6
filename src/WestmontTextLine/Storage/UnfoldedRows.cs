namespace WestmontTextLine.Storage;

/// <summary>
/// The session log's unfolded rows in memory, oldest first: a queue of structs, so a text adds no object that lives
/// until its row is folded (seconds: long enough to be copied through gen0 and gen1). Not thread-safe.
/// <para>
/// Kept in chunks of <see cref="ChunkRows"/> rows, each under the large-object threshold, rather than in one array
/// that doubles: under load the queue holds tens of thousands of rows, and a doubling array put each of its
/// predecessors in the large-object heap, where the space they left stayed resident (about 7 MB of RSS for a ring
/// of 7 MB). Chunks live in the ordinary heap, are compacted like any object, and a drained queue lets them go.
/// </para>
/// </summary>
internal sealed class UnfoldedRows
{
    /// <summary>Rows a chunk holds: a power of two, and a chunk (56 bytes a row) stays under the 85,000-byte threshold.</summary>
    public const int ChunkRows = 1024;
    private const int ChunkShift = 10;
    private const int ChunkMask = ChunkRows - 1;

    // The oldest chunk first; the oldest row is at _head in it.
    private readonly List<UnfoldedRow[]> _chunks = [];
    private UnfoldedRow[]? _spare;
    private int _head;

    public int Count { get; private set; }

    /// <summary>Chunks held now (for tests).</summary>
    internal int Chunks => _chunks.Count;

    public ref readonly UnfoldedRow this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            var position = _head + index;
            return ref _chunks[position >> ChunkShift][position & ChunkMask];
        }
    }

    public void Enqueue(UnfoldedRow row)
    {
        var position = _head + Count;
        if (position >> ChunkShift == _chunks.Count) _chunks.Add(TakeChunk());
        _chunks[position >> ChunkShift][position & ChunkMask] = row;
        Count++;
    }

    public UnfoldedRow Dequeue()
    {
        if (Count == 0) throw new InvalidOperationException("The queue is empty.");
        var oldest = _chunks[0];
        var row = oldest[_head];
        oldest[_head] = default;
        _head++;
        Count--;
        if (_head == ChunkRows)
        {
            ReleaseOldestChunk();
            _head = 0;
        }
        else if (Count == 0)
        {
            _head = 0;
        }
        return row;
    }

    public void Clear()
    {
        while (_chunks.Count > 0) ReleaseOldestChunk();
        _head = 0;
        Count = 0;
    }

    private UnfoldedRow[] TakeChunk()
    {
        var chunk = _spare ?? new UnfoldedRow[ChunkRows];
        _spare = null;
        return chunk;
    }

    // One spare is kept, so a queue hovering at a chunk's edge does not allocate a chunk each time it crosses it.
    private void ReleaseOldestChunk()
    {
        var chunk = _chunks[0];
        _chunks.RemoveAt(0);
        Array.Clear(chunk);
        _spare ??= chunk;
    }
}

/// <summary>An unfolded row: its place in the log, its sender, and when it was appended (the store's clock, in milliseconds).</summary>
internal readonly record struct UnfoldedRow(long Seq, PackedSenderKey SenderKey, long AppendedAt);
