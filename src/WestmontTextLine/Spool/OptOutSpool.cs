using System.Collections.Concurrent;

namespace WestmontTextLine.Spool;

/// <summary>
/// The opt-outs the store refused (<see cref="SpooledOptOut"/>), kept on disk until <see cref="OptOutSpoolWriter"/>
/// writes them there; what the line does for a number whose opt-out waits here (<see cref="Holds"/>) is what it does for
/// an opted-out one: no menu reply, no check-in, no staff reply. At most <see cref="Capacity"/> on disk.
/// <para>
/// One the file refused too (a full disk, a full spool) is held in memory (<see cref="OptOutKept.InMemoryOnly"/>, at
/// most <see cref="HeldInMemoryCapacity"/>): she asked for no more texts, and this process honours that all the same. It
/// goes to the file as soon as the file takes it (<see cref="KeepHeldOnDisk"/>), or to the store once it answers; a
/// restart before either loses it.
/// </para>
/// </summary>
public sealed class OptOutSpool : IDisposable
{
    public const int Capacity = 10_000;

    public const int HeldInMemoryCapacity = 10_000;

    private readonly SpoolFile _file;
    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _heldGate = new();
    private readonly List<SpooledOptOut> _heldInMemory = [];
    private readonly HashSet<SpooledOptOut> _heldButInStore = [];

    public OptOutSpool(SpoolFiles files)
    {
        _file = files.Open("optouts", Capacity);
        // A line that holds no opt-out (torn by a crash and joined by the next) would keep the file for good.
        var unreadable = _file.Lines.Where(line => SpooledOptOut.Parse(line) is null).ToList();
        if (unreadable.Count > 0) _file.Remove(unreadable);
        foreach (var optOut in Waiting) _waiting.AddOrUpdate(optOut.SenderKey, 1, (_, count) => count + 1);
    }

    public int Count
    {
        get
        {
            lock (_heldGate) return _file.Count + _heldInMemory.Count;
        }
    }

    /// <summary>How many wait in memory only, refused by the file.</summary>
    public int HeldInMemory
    {
        get
        {
            lock (_heldGate) return _heldInMemory.Count;
        }
    }

    /// <summary>
    /// How many held in memory only are in neither the file nor the store: those a stop now would lose. One whose session
    /// the store has opted out (<see cref="InStore"/>) is not: the line started again honours it.
    /// </summary>
    public int LostIfStoppedNow
    {
        get
        {
            lock (_heldGate) return _heldInMemory.Count(optOut => !_heldButInStore.Contains(optOut));
        }
    }

    /// <summary>
    /// Her session in the store says she opted out, though the rest of her STOP's work (her timer, her plan, her chat)
    /// is not written yet: she stays held until it is.
    /// </summary>
    public void InStore(SpooledOptOut optOut)
    {
        lock (_heldGate)
        {
            if (_heldInMemory.Contains(optOut)) _heldButInStore.Add(optOut);
        }
    }

    /// <summary>Those held in memory only (the file refused them), oldest first.</summary>
    public IReadOnlyList<SpooledOptOut> HeldInMemoryOnly
    {
        get
        {
            lock (_heldGate) return [.. _heldInMemory];
        }
    }

    /// <summary>The opt-outs waiting, oldest first (a line that is no opt-out is left out), then those held in memory only.</summary>
    public IReadOnlyList<SpooledOptOut> Waiting
    {
        get
        {
            lock (_heldGate) return [.. _file.Lines.Select(SpooledOptOut.Parse).OfType<SpooledOptOut>(), .. _heldInMemory];
        }
    }

    /// <summary>True while an opt-out of this number waits to be written to the store.</summary>
    public bool Holds(string senderKey) => !_waiting.IsEmpty && _waiting.ContainsKey(senderKey);

    /// <summary>Kept on disk (flushed) when this returns true; false when the spool is full or the disk refused it.</summary>
    public bool Keep(SpooledOptOut optOut) => Keep(optOut, out _) == OptOutKept.OnDisk;

    /// <summary>
    /// Kept on disk (flushed), or, when the file refused it (<paramref name="refused"/> says why), held in memory only;
    /// not kept at all only when as many wait in memory already.
    /// </summary>
    public OptOutKept Keep(SpooledOptOut optOut, out SpoolRefusal? refused)
    {
        _waiting.AddOrUpdate(optOut.SenderKey, 1, (_, count) => count + 1);
        lock (_heldGate)
        {
            if (_file.TryAppend(optOut.ToLine(), out refused)) return OptOutKept.OnDisk;
            if (_heldInMemory.Count < HeldInMemoryCapacity)
            {
                _heldInMemory.Add(optOut);
                return OptOutKept.InMemoryOnly;
            }
        }
        Forget(optOut.SenderKey);
        return OptOutKept.NotKept;
    }

    /// <summary>Those held in memory only that the file takes now (the disk has room again), oldest first; the rest wait.</summary>
    public IReadOnlyList<SpooledOptOut> KeepHeldOnDisk()
    {
        lock (_heldGate)
        {
            var kept = _heldInMemory.TakeWhile(optOut => _file.TryAppend(optOut.ToLine(), out _)).ToList();
            _heldInMemory.RemoveRange(0, kept.Count);
            _heldButInStore.ExceptWith(kept);
            return kept;
        }
    }

    /// <summary>Written to the store: it leaves the spool (and the file, once rewritten).</summary>
    public void Written(SpooledOptOut optOut)
    {
        lock (_heldGate)
        {
            if (_heldInMemory.Remove(optOut))
            {
                if (!_heldInMemory.Contains(optOut)) _heldButInStore.Remove(optOut);
                Forget(optOut.SenderKey);
                return;
            }
        }
        if (!Waiting.Contains(optOut)) return;
        try
        {
            _file.Remove([optOut.ToLine()]);
        }
        finally
        {
            Forget(optOut.SenderKey);
        }
    }

    public void Dispose() => _file.Dispose();

    private void Forget(string senderKey)
    {
        while (_waiting.TryGetValue(senderKey, out var count))
        {
            if (count <= 1 ? _waiting.TryRemove(new KeyValuePair<string, int>(senderKey, count)) : _waiting.TryUpdate(senderKey, count - 1, count)) return;
        }
    }
}

/// <summary>Where an opt-out the store refused waits (<see cref="OptOutSpool.Keep(SpooledOptOut, out SpoolRefusal?)"/>).</summary>
public enum OptOutKept
{
    /// <summary>In the spool file, flushed to the disk: a restart writes it.</summary>
    OnDisk,

    /// <summary>The file refused it: in this process's memory only, honoured until written, lost if the line restarts first.</summary>
    InMemoryOnly,

    /// <summary>Neither: as many wait in memory already.</summary>
    NotKept,
}
