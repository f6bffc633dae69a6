namespace WestmontTextLine.Storage;

/// <summary>
/// The session log's unfolded rows in memory, oldest first: a ring of structs, so a text adds no object that lives
/// until its row is folded (seconds: long enough to be copied through gen0 and gen1). Not thread-safe. Written here
/// rather than as a Queue of a struct, whose code for a struct of this assembly would be compiled at the first text.
/// </summary>
internal sealed class UnfoldedRows
{
    private UnfoldedRow[] _rows = new UnfoldedRow[1024];
    private int _head;

    public int Count { get; private set; }

    public ref readonly UnfoldedRow this[int index] => ref _rows[(_head + index) % _rows.Length];

    public void Enqueue(UnfoldedRow row)
    {
        if (Count == _rows.Length) Grow();
        _rows[(_head + Count) % _rows.Length] = row;
        Count++;
    }

    public UnfoldedRow Dequeue()
    {
        if (Count == 0) throw new InvalidOperationException("The queue is empty.");
        var row = _rows[_head];
        _rows[_head] = default;
        _head = (_head + 1) % _rows.Length;
        Count--;
        return row;
    }

    public void Clear()
    {
        Array.Clear(_rows);
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var grown = new UnfoldedRow[_rows.Length * 2];
        for (var i = 0; i < Count; i++) grown[i] = this[i];
        _rows = grown;
        _head = 0;
    }
}

/// <summary>An unfolded row: its place in the log, its sender, and when it was appended (Environment.TickCount64).</summary>
internal readonly record struct UnfoldedRow(long Seq, PackedSenderKey SenderKey, long AppendedAt);
