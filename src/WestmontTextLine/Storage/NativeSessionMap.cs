using System.Runtime.InteropServices;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions by sender key (<see cref="PackedSenderKey"/>), each kept as one block of native memory (<see cref="SessionBlob"/>), not as objects on the
/// managed heap. Every text replaces its sender's session, and the replaced copies, held as objects for the seconds
/// until the sender's next text, went through gen0 and gen1 and into gen2: the collector's pauses under load
/// (20-50 ms) were the line's slowest replies. Blocks here cost the collector nothing. Thread-safe. An entry may
/// hold "no session" (null): the read cache remembers that a sender has none.
/// </summary>
/// <param name="maxSenders">How many senders it may hold (its owner's bound): its map grows to it in two steps (<see cref="GrowInTwoSteps"/>).</param>
internal sealed unsafe class NativeSessionMap(int maxSenders = 0) : IDisposable
{
    private static readonly nint NoSession = -1;

    private readonly Dictionary<PackedSenderKey, nint> _blocks = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public int Count
    {
        get
        {
            lock (_lock) return _blocks.Count;
        }
    }

    /// <summary>Finds the sender's entry: true with the session, or with null for "no session".</summary>
    public bool TryGet(PackedSenderKey senderKey, out Session? session)
    {
        session = null;
        lock (_lock)
        {
            if (_disposed || !_blocks.TryGetValue(senderKey, out var block)) return false;
            if (block != NoSession) session = SessionBlob.Read(Bytes(block));
            return true;
        }
    }

    /// <summary>Sets the sender's entry; returns true when the sender had none.</summary>
    public bool Set(PackedSenderKey senderKey, Session? session) => Adopt(senderKey, Allocate(session));

    // Takes the block (freeing it if the map is closed) and frees the one it replaces.
    private bool Adopt(PackedSenderKey senderKey, nint block)
    {
        nint replaced;
        bool added;
        lock (_lock)
        {
            if (_disposed)
            {
                Free(block);
                return false;
            }
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, senderKey, out var exists);
            replaced = exists ? slot : NoSession;
            added = !exists;
            slot = block;
            if (added) GrowInTwoSteps.Added(_blocks, maxSenders);
        }
        Free(replaced);
        return added;
    }

    /// <summary>Adds the sender's entry only if there is none; returns true when added.</summary>
    public bool TryAdd(PackedSenderKey senderKey, Session? session)
    {
        var block = Allocate(session);
        lock (_lock)
        {
            if (!_disposed && _blocks.TryAdd(senderKey, block))
            {
                GrowInTwoSteps.Added(_blocks, maxSenders);
                return true;
            }
        }
        Free(block);
        return false;
    }

    /// <summary>Removes the sender's entry; returns true when there was one.</summary>
    public bool Remove(PackedSenderKey senderKey)
    {
        nint removed;
        lock (_lock)
        {
            if (!_blocks.Remove(senderKey, out removed)) return false;
        }
        Free(removed);
        return true;
    }

    /// <summary>
    /// Moves the sender's session, as it is, to <paramref name="destination"/> if it is still the one at this version (a
    /// sender's versions only grow, and FORGET removes the entry); returns true when the destination had no entry
    /// for the sender before.
    /// </summary>
    public bool MoveIfAt(PackedSenderKey senderKey, long version, NativeSessionMap destination)
    {
        nint block;
        lock (_lock)
        {
            if (!_blocks.TryGetValue(senderKey, out block) || block == NoSession || SessionBlob.VersionOf(Bytes(block)) != version) return false;
            _blocks.Remove(senderKey);
        }
        return destination.Adopt(senderKey, block);
    }

    public void Clear()
    {
        lock (_lock)
        {
            foreach (var block in _blocks.Values) Free(block);
            _blocks.Clear();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        Clear();
    }

    // A block: the encoded length (4 bytes), then the encoded session.
    private static nint Allocate(Session? session)
    {
        if (session is null) return NoSession;
        var length = SessionBlob.LengthOf(session);
        var block = (byte*)NativeMemory.Alloc((nuint)(4 + length));
        *(int*)block = length;
        SessionBlob.Write(session, new Span<byte>(block + 4, length));
        return (nint)block;
    }

    private static ReadOnlySpan<byte> Bytes(nint block) => new((byte*)block + 4, *(int*)block);

    // Zeroed first: what a texter read and her MessageSids do not stay in freed memory after FORGET or a fold.
    private static void Free(nint block)
    {
        if (block == NoSession) return;
        new Span<byte>((void*)block, 4 + *(int*)block).Clear();
        NativeMemory.Free((void*)block);
    }
}
