using Microsoft.Extensions.Options;
using WestmontTextLine.Logging;
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
/// <para>
/// A SID the disk refused too (full) waits in memory only: said once a run (<see cref="FaultRun"/>), at Error, since a
/// restart before they are queued leaves those texts at Twilio, and again once they are all queued.
/// </para>
/// </summary>
public sealed partial class UnqueuedDeletions(IOptions<TwilioApiOptions> options, SpoolFiles files, ILogger<UnqueuedDeletions> logger)
{
    public const int Capacity = 100_000;

    private readonly WaitingOnDisk<string> _waiting = new(files.Open("deletions", Capacity), sid => sid,
        line => ProviderDeletions.IsSid(line) ? line : null);

    private readonly FaultRun _inMemoryOnly = new();

    public int Count => _waiting.Count;

    /// <returns>False when it is not kept: deletion is off, it is no SID, or the room for them is full.</returns>
    public bool Add(string? messageSid)
    {
        if (!options.Value.DeletesMessages || !ProviderDeletions.IsSid(messageSid) || !_waiting.TryAdd(messageSid, out var notOnDisk)) return false;
        if (notOnDisk is not null && _inMemoryOnly.Failed(notOnDisk.Why)) HeldInMemory(logger, notOnDisk);
        return true;
    }

    /// <summary>Queues what waits, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public Task QueueAsync(ProviderDeletions deletions, CancellationToken cancellationToken) => QueueAsync(deletions.InboundAnsweredAsync, cancellationToken);

    /// <summary>Hands what waits to <paramref name="queue"/>, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public async Task QueueAsync(Func<string, CancellationToken, Task> queue, CancellationToken cancellationToken)
    {
        await _waiting.HandOnAsync(queue, cancellationToken);
        // One added meanwhile, after the last was handed on, keeps the run going until the next pass.
        if (Count == 0 && _inMemoryOnly.Ended() is { } ended) QueuedAgain(logger, ended.Failed, ReadableDuration.Of(ended.Lasted));
    }

    [LoggerMessage(1, LogLevel.Error, "Texts to delete at the provider not kept on disk: {Refused}; their SIDs are held in memory only until the store answers: if the line restarts first, those texts (her number and her words) stay at Twilio. Logged once until they are queued again")]
    private static partial void HeldInMemory(ILogger logger, SpoolRefusal refused);

    [LoggerMessage(2, LogLevel.Warning, "Texts to delete at the provider are queued again: {Texts} SID(s) were held in memory only over {Lasted}")]
    private static partial void QueuedAgain(ILogger logger, int texts, string lasted);
}
