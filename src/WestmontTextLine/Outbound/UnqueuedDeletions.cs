using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Texts answered while the store did not answer (the safety fallback: Redis down, paused or full, SQLite locked or
/// full), whose deletion at the provider could not be queued there. Found with Redis paused for 60 seconds: none of the
/// texts answered meanwhile was ever deleted, so each stayed at Twilio with her number and her words. Their SIDs wait
/// here, in this process's memory only (a SID is not personal), and <see cref="ProviderDeletionWorker"/> queues them at
/// its next pass that the store answers. At most <see cref="Capacity"/>; a restart before then forgets them. A reply
/// reported only "sent" meanwhile waits here too, and is queued as the others are: if it is not final yet when its
/// deletion falls due, the provider says so (20009) and the deletion is tried again later, as any such one is.
/// </summary>
public sealed class UnqueuedDeletions(IOptions<TwilioApiOptions> options)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentQueue<string> _waiting = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <returns>False when it is not kept: deletion is off, it is no SID, or the memory for them is full.</returns>
    public bool Add(string? messageSid)
    {
        if (!options.Value.DeletesMessages || !ProviderDeletions.IsSid(messageSid)) return false;
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _waiting.Enqueue(messageSid);
        return true;
    }

    /// <summary>Queues what waits, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public async Task QueueAsync(ProviderDeletions deletions, CancellationToken cancellationToken)
    {
        while (_waiting.TryPeek(out var sid))
        {
            await deletions.InboundAnsweredAsync(sid, cancellationToken);
            _waiting.TryDequeue(out _);
            Interlocked.Decrement(ref _count);
        }
    }
}
