using WestmontTextLine.Records;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether the line's texts were reported failed, in the last day, for the line's own number or account
/// (<see cref="LineSideCodes"/>), for /healthz and the log. Twilio takes such texts and reports them failed later, in
/// their status callbacks, so the outbox sees nothing wrong; a delivered text proves the line can send again. Kept in
/// the store, so every instance says it, whichever instance the callbacks reach, and after a restart too.
/// </summary>
public sealed class CarrierRefusedLine(IPrivateRecords records, TimeProvider time, ILogger<CarrierRefusedLine> logger)
{
    private readonly FailureInLastDay _failure = new(records, "line-side", time, logger);

    /// <summary>Returns true when it is new (none in the last day, or another code), so the fault is logged once, not once a text.</summary>
    public Task<bool> RefusedAsync(int code, CancellationToken cancellationToken = default) => _failure.NoteAsync(code, cancellationToken);

    public Task DeliveredAsync(CancellationToken cancellationToken = default) => _failure.ClearAsync(cancellationToken);

    public async Task<string?> DescribeAsync(CancellationToken cancellationToken = default) => await _failure.LastAsync(cancellationToken) is { Code: { } code } last
        ? $"texts reported failed for the line's own number or account: {LineSideCodes.Meaning(code)} ({code}), last at "
            + $"{last.At.UtcDateTime:HH:mm:ss} UTC: no text of the line reaches anyone until it is fixed at Twilio"
        : null;
}
