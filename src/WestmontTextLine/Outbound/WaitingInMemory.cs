using System.Collections.Concurrent;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Work that could not reach the store, waiting in this process's memory for a pass that the store answers: at most
/// a fixed number of items, handed on oldest first. A restart forgets them.
/// </summary>
public sealed class WaitingInMemory<T>(int capacity)
{
    private readonly ConcurrentQueue<T> _waiting = new();
    private int _count;

    public int Capacity => capacity;

    public int Count => Volatile.Read(ref _count);

    /// <returns>False when the memory for them is full: the item is not kept.</returns>
    public bool TryAdd(T item)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _waiting.Enqueue(item);
        return true;
    }

    /// <summary>
    /// Hands on what waits, oldest first; an item leaves only once <paramref name="handOn"/> returned, so a failure
    /// stops it and keeps that item and the rest for the next pass. One caller at a time.
    /// </summary>
    public async Task HandOnAsync(Func<T, CancellationToken, Task> handOn, CancellationToken cancellationToken)
    {
        while (_waiting.TryPeek(out var item))
        {
            await handOn(item, cancellationToken);
            _waiting.TryDequeue(out _);
            Interlocked.Decrement(ref _count);
        }
    }
}
