using Microsoft.Extensions.Options;
using WestmontTextLine.Spool;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Texts answered while the store did not answer (the safety fallback: Redis down, paused or full, SQLite locked or
/// full), whose deletion at the provider could not be queued there. Found with Redis paused for 60 seconds: none of the
/// texts answered meanwhile was ever deleted, so each stayed at Twilio with her number and her words. Their SIDs wait
/// here, in memory and on local disk (<see cref="WaitingOnDisk{T}"/>: a SID is not personal), and
/// <see cref="ProviderDeletionWorker"/> queues them at its next pass that the store answers, after a restart too. At
/// most <see cref="Capacity"/>. A reply
/// reported only "sent" meanwhile waits here too, and is queued as the others are: if it is not final yet when its
/// deletion falls due, the provider says so (20009) and the deletion is tried again later, as any such one is.
/// </summary>
public sealed class UnqueuedDeletions(IOptions<TwilioApiOptions> options, SpoolFiles files)
{
    public const int Capacity = 100_000;

    private readonly WaitingOnDisk<string> _waiting = new(files.Open("deletions", Capacity), sid => sid,
        line => ProviderDeletions.IsSid(line) ? line : null);

    public int Count => _waiting.Count;

    /// <returns>False when it is not kept: deletion is off, it is no SID, or the room for them is full.</returns>
    public bool Add(string? messageSid) =>
        options.Value.DeletesMessages && ProviderDeletions.IsSid(messageSid) && _waiting.TryAdd(messageSid);

    /// <summary>Queues what waits, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public Task QueueAsync(ProviderDeletions deletions, CancellationToken cancellationToken) =>
        _waiting.HandOnAsync(deletions.InboundAnsweredAsync, cancellationToken);
}
