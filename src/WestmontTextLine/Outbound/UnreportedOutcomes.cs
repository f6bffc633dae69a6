using System.Collections.Concurrent;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Outcomes of outbound texts that a feature could not record because the store did not answer (Redis down, paused or
/// full; SQLite locked or full). Twilio reports a text's fate once: an "undelivered" for the alert to her safety
/// contact, lost so, left her never told that her contact was not reached. Each waits here with the one feature that
/// has yet to hear it (a feature that heard it is not told twice), in this process's memory only (an outbox id, a
/// label, a status: nothing personal), and <see cref="OutcomeListeners"/> tells it again at the outbox worker's next
/// pass that the store answers. At most <see cref="Capacity"/>; a restart before then forgets them.
/// </summary>
public sealed class UnreportedOutcomes
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<(OutboundOutcome Outcome, IOutboundOutcomes Listener)> _waiting = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <returns>False when the memory for them is full: the outcome is not kept.</returns>
    public bool Add(OutboundOutcome outcome, IOutboundOutcomes listener)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _waiting.Enqueue((outcome, listener));
        return true;
    }

    /// <summary>Tells what waits, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        while (_waiting.TryPeek(out var waiting))
        {
            await waiting.Listener.ReportAsync(waiting.Outcome, cancellationToken);
            _waiting.TryDequeue(out _);
            Interlocked.Decrement(ref _count);
        }
    }
}
