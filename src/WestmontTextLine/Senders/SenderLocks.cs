namespace WestmontTextLine.Senders;

/// <summary>
/// One lock per sender, so one sender's texts are applied one at a time while other senders go on in parallel.
/// A sender's lock exists only while someone holds or waits for it, so the table does not grow with senders.
/// </summary>
public sealed class SenderLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_entries) return _entries.Count; }
    }

    /// <summary>How many wait for this sender's lock behind its holder (0 when it is free or only held).</summary>
    public int Waiting(string senderKey)
    {
        lock (_entries) return _entries.TryGetValue(senderKey, out var entry) ? Math.Max(0, entry.Users - 1) : 0;
    }

    public async Task<IDisposable> AcquireAsync(string senderKey, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(senderKey, out entry!)) _entries[senderKey] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(senderKey, entry, wasHeld: false);
            throw;
        }
        return new Holder(this, senderKey, entry);
    }

    private void Release(string senderKey, Entry entry, bool wasHeld)
    {
        if (wasHeld) entry.Semaphore.Release();
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove(senderKey);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    private sealed class Holder(SenderLocks owner, string senderKey, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Release(senderKey, entry, wasHeld: true);
        }
    }
}
