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

    private readonly WaitingInMemory<(OutboundOutcome Outcome, IOutboundOutcomes Listener)> _waiting = new(Capacity);

    public int Count => _waiting.Count;

    /// <returns>False when the memory for them is full: the outcome is not kept.</returns>
    public bool Add(OutboundOutcome outcome, IOutboundOutcomes listener) => _waiting.TryAdd((outcome, listener));

    /// <summary>Tells what waits, oldest first; a failure stops it and keeps the rest for the next pass. One caller at a time.</summary>
    public Task ReportAsync(CancellationToken cancellationToken) =>
        _waiting.HandOnAsync((waiting, token) => waiting.Listener.ReportAsync(waiting.Outcome, token), cancellationToken);
}
