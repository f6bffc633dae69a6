using System.Collections.Concurrent;

namespace WestmontTextLine.Spool;

/// <summary>
/// Work that could not reach the store, waiting in memory for a pass that the store answers, and kept on disk too
/// (<see cref="SpoolFile"/>, flushed to the disk), so a restart or a power cut before the store answers loses none of
/// it: what the file held is waiting
/// again at start. An item the disk refuses (full) still waits in memory. At most a fixed number of
/// items, handed on oldest first; those handed on leave the file together, once the pass ends.
/// </summary>
public sealed class WaitingOnDisk<T> where T : class
{
    private readonly SpoolFile _file;
    private readonly Func<T, string> _toLine;
    private readonly ConcurrentQueue<(T Item, string? Line)> _waiting = new();
    private int _count;

    /// <param name="fromLine">The item a line of the file holds; null for a line that holds none (torn by a crash).</param>
    public WaitingOnDisk(SpoolFile file, Func<T, string> toLine, Func<string, T?> fromLine)
    {
        _file = file;
        _toLine = toLine;
        foreach (var line in file.Lines)
        {
            if (fromLine(line) is not { } item) continue;
            _waiting.Enqueue((item, line));
            _count++;
        }
    }

    public int Capacity => _file.Capacity;

    public int Count => Volatile.Read(ref _count);

    /// <returns>False when the room for them is full: the item is not kept.</returns>
    public bool TryAdd(T item) => TryAdd(item, out _);

    /// <param name="notOnDisk">Null when it is on disk too; why not when the file refused it: it waits in memory only, until a restart.</param>
    /// <returns>False when the room for them is full: the item is not kept.</returns>
    public bool TryAdd(T item, out SpoolRefusal? notOnDisk)
    {
        notOnDisk = null;
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        var line = _toLine(item);
        _waiting.Enqueue((item, _file.TryAppend(line, out notOnDisk) ? line : null));
        return true;
    }

    /// <summary>
    /// Hands on what waits, oldest first; an item leaves only once <paramref name="handOn"/> returned, so a failure
    /// stops it and keeps that item and the rest for the next pass. One caller at a time.
    /// </summary>
    public async Task HandOnAsync(Func<T, CancellationToken, Task> handOn, CancellationToken cancellationToken)
    {
        List<string> handedOn = [];
        try
        {
            while (_waiting.TryPeek(out var waiting))
            {
                await handOn(waiting.Item, cancellationToken);
                _waiting.TryDequeue(out _);
                Interlocked.Decrement(ref _count);
                if (waiting.Line is not null) handedOn.Add(waiting.Line);
            }
        }
        finally
        {
            // Should the rewrite fail, they stay in the file, and are handed on again after a restart, to no further effect.
            if (handedOn.Count > 0)
            {
                try
                {
                    _file.Remove(handedOn);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
