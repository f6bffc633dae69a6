using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WestmontTextLine.Storage;

/// <summary>
/// The native blocks of <see cref="NativeSessionMap"/>: sizes rounded up to a multiple of <see cref="ClassStep"/>
/// bytes, each size class carved from chunks of its own, each chunk with a list of its freed blocks. A freed block is
/// handed out again for the next block of its class, whatever thread asks; a chunk whose blocks are all freed is
/// kept for any class (a few) or given back (<see cref="AlignedChunks"/>). Blocks larger than
/// <see cref="LargestClass"/> come from <see cref="NativeMemory"/>. Thread-safe (one lock).
/// <para>
/// Why not malloc: every text frees its sender's block and allocates the next one, on whichever thread the reply ran.
/// glibc's malloc gave each thread an arena of its own (18 after a load run): a block freed into one arena was not
/// reused by the next text allocating in another, and after a run its arenas held 5-16 MB free between live blocks
/// besides the 15-19 MB of sessions.
/// </para>
/// </summary>
internal sealed unsafe class SessionBlockAllocator : IDisposable
{
    public const int ClassStep = 32;

    /// <summary>
    /// A mid-conversation session takes about 210 bytes (<see cref="SessionBlob"/>, its 4-byte length included); a
    /// session with texts written in full (past <see cref="SharedTexts.MaxTexts"/>) may take more.
    /// </summary>
    public const int LargestClass = 512;

    public const int DefaultChunkBytes = 256 * 1024;

    /// <summary>Empty chunks kept for the next class that needs one, instead of unmapped and mapped again.</summary>
    public const int SpareChunksKept = 4;

    /// <summary>The one the SQLite store's maps share: a fold moves a block from one map to the other.</summary>
    public static readonly SessionBlockAllocator Shared = new();

    // At the start of every chunk; its blocks follow, from HeaderBytes on.
    [StructLayout(LayoutKind.Sequential)]
    private struct Chunk
    {
        public Chunk* NextWithRoom, PreviousWithRoom;
        public byte* Freed;
        public byte* Untouched;
        public int SizeClass;
        public int Live;
        public bool WithRoom;
    }

    private const int HeaderBytes = 64;

    private readonly nuint _chunkBytes;
    private readonly nint[] _withRoom = new nint[LargestClass / ClassStep];
    private readonly Stack<nint> _spare = new();
    private readonly HashSet<nint> _chunks = [];
    private readonly Lock _lock = new();
    private long _liveBlocks;

    /// <param name="chunkBytes">A power of two, a multiple of the page size (tests take small chunks).</param>
    public SessionBlockAllocator(int chunkBytes = DefaultChunkBytes)
    {
        if (chunkBytes < 4096 || !int.IsPow2(chunkBytes)) throw new ArgumentOutOfRangeException(nameof(chunkBytes));
        _chunkBytes = (nuint)chunkBytes;
    }

    /// <summary>The size a block of <paramref name="bytes"/> takes: its class, or itself past the largest.</summary>
    public static int SizeOf(int bytes) => bytes > LargestClass ? bytes : (bytes + ClassStep - 1) / ClassStep * ClassStep;

    /// <summary>Blocks handed out and not freed, oversize ones included.</summary>
    public long LiveBlocks => Interlocked.Read(ref _liveBlocks);

    /// <summary>Chunks mapped, spare ones included.</summary>
    public int Chunks
    {
        get
        {
            lock (_lock) return _chunks.Count;
        }
    }

    /// <summary>A block of at least <paramref name="bytes"/>; its contents are undefined.</summary>
    public nint Allocate(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Interlocked.Increment(ref _liveBlocks);
        if (bytes > LargestClass) return (nint)NativeMemory.Alloc((nuint)bytes);
        var sizeClass = (bytes - 1) / ClassStep;
        var size = (nuint)((sizeClass + 1) * ClassStep);
        lock (_lock)
        {
            var chunk = (Chunk*)_withRoom[sizeClass];
            if (chunk is null) chunk = NewChunk(sizeClass);
            byte* block;
            if (chunk->Freed is not null)
            {
                block = chunk->Freed;
                chunk->Freed = *(byte**)block;
            }
            else
            {
                block = chunk->Untouched;
                chunk->Untouched += size;
            }
            chunk->Live++;
            if (chunk->Freed is null && (nuint)(chunk->Untouched - (byte*)chunk) + size > _chunkBytes) Unlist(chunk);
            return (nint)block;
        }
    }

    /// <summary>Frees a block from <see cref="Allocate"/>, with the same <paramref name="bytes"/> it was asked with.</summary>
    public void Free(nint block, int bytes)
    {
        Interlocked.Decrement(ref _liveBlocks);
        if (bytes > LargestClass)
        {
            NativeMemory.Free((void*)block);
            return;
        }
        lock (_lock)
        {
            var chunk = (Chunk*)((nuint)block & ~(_chunkBytes - 1));
            Debug.Assert(chunk->SizeClass == (bytes - 1) / ClassStep && chunk->Live > 0);
            *(byte**)block = chunk->Freed;
            chunk->Freed = (byte*)block;
            if (--chunk->Live == 0)
            {
                Unlist(chunk);
                Retire(chunk);
            }
            else if (!chunk->WithRoom) List(chunk);
        }
    }

    private Chunk* NewChunk(int sizeClass)
    {
        Chunk* chunk;
        if (_spare.TryPop(out var spare)) chunk = (Chunk*)spare;
        else
        {
            chunk = (Chunk*)AlignedChunks.Take(_chunkBytes);
            _chunks.Add((nint)chunk);
        }
        *chunk = default;
        chunk->SizeClass = sizeClass;
        chunk->Untouched = (byte*)chunk + HeaderBytes;
        List(chunk);
        return chunk;
    }

    private void Retire(Chunk* chunk)
    {
        if (_spare.Count < SpareChunksKept)
        {
            _spare.Push((nint)chunk);
            return;
        }
        _chunks.Remove((nint)chunk);
        AlignedChunks.Give((byte*)chunk, _chunkBytes);
    }

    // The chunks with room of a class, the newest first: a chunk with a block freed is filled again before a new one.
    private void List(Chunk* chunk)
    {
        var head = (Chunk*)_withRoom[chunk->SizeClass];
        chunk->NextWithRoom = head;
        chunk->PreviousWithRoom = null;
        if (head is not null) head->PreviousWithRoom = chunk;
        _withRoom[chunk->SizeClass] = (nint)chunk;
        chunk->WithRoom = true;
    }

    private void Unlist(Chunk* chunk)
    {
        if (!chunk->WithRoom) return;
        if (chunk->PreviousWithRoom is not null) chunk->PreviousWithRoom->NextWithRoom = chunk->NextWithRoom;
        else _withRoom[chunk->SizeClass] = (nint)chunk->NextWithRoom;
        if (chunk->NextWithRoom is not null) chunk->NextWithRoom->PreviousWithRoom = chunk->PreviousWithRoom;
        chunk->WithRoom = false;
    }

    /// <summary>Gives back every chunk (for tests' own allocators; blocks still handed out become invalid).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var chunk in _chunks) AlignedChunks.Give((byte*)chunk, _chunkBytes);
            _chunks.Clear();
            _spare.Clear();
            Array.Clear(_withRoom);
        }
    }
}
