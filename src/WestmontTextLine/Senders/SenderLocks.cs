using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WestmontTextLine.Senders;

/// <summary>
/// One lock per sender, so one sender's texts are applied one at a time while other senders go on in parallel.
/// A sender's lock exists only while someone holds or waits for it, so the table does not grow with senders.
/// A lock no one else wants (nearly every text) is a key in the table and nothing more: it allocates nothing. Only a
/// second text of hers while it is held gets a queue to wait in (<see cref="Contended"/>), kept until all have left.
/// </summary>
public sealed class SenderLocks
{
    // Her key with null: held, no one waiting. With a queue: held, and others wait in it or are leaving it.
    private readonly Dictionary<string, Contended?> _entries = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_entries) return _entries.Count; }
    }

    /// <summary>How many wait for this sender's lock behind its holder (0 when it is free or only held).</summary>
    public int Waiting(string senderKey)
    {
        lock (_entries) return _entries.TryGetValue(senderKey, out var queue) && queue is not null ? Math.Max(0, queue.Users - 1) : 0;
    }

    /// <summary>Her lock, held until the <see cref="SenderLock"/> is disposed (once).</summary>
    public ValueTask<SenderLock> AcquireAsync(string senderKey, CancellationToken cancellationToken)
    {
        Contended queue;
        lock (_entries)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, senderKey, out var held);
            if (!held) return ValueTask.FromResult(new SenderLock(this, senderKey));
            queue = entry ??= new Contended();
            queue.Users++;
        }
        return WaitAsync(senderKey, queue, cancellationToken);
    }

    private async ValueTask<SenderLock> WaitAsync(string senderKey, Contended queue, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(senderKey, heldIt: false);
            throw;
        }
        return new SenderLock(this, senderKey);
    }

    private void Leave(string senderKey, bool heldIt)
    {
        Contended? next;
        lock (_entries)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, senderKey);
            if (Unsafe.IsNullRef(ref entry)) throw new InvalidOperationException("A sender's lock was released that was not held.");
            next = entry;
            if (next is null || --next.Users == 0)
            {
                _entries.Remove(senderKey);
                return;
            }
        }
        // Someone is still in the queue: the turn passes to the next (or to one that comes, if they all give up first).
        if (heldIt) next.Turn.Release();
    }

    /// <summary>A sender's lock while others want it too: the holder and those waiting, and the turn they wait for.</summary>
    private sealed class Contended
    {
        public readonly SemaphoreSlim Turn = new(0, 1);

        // The holder and those waiting; the holder counted from the start, as the queue is made only while it is held.
        public int Users = 1;
    }

    /// <summary>Her lock, held: a struct, so a lock no one else wanted costs no allocation. Dispose it once.</summary>
    public readonly struct SenderLock(SenderLocks owner, string senderKey) : IDisposable
    {
        public void Dispose() => owner.Leave(senderKey, heldIt: true);
    }
}
