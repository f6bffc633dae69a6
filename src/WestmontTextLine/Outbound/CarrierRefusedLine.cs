namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether the line's texts were reported failed, in the last day, for the line's own number or account
/// (<see cref="LineSideCodes"/>), for /healthz and the log. Twilio takes such texts and reports them failed later, in
/// their status callbacks, so the outbox sees nothing wrong; a delivered text proves the line can send again. Per
/// instance, as the callbacks reach it.
/// </summary>
public sealed class CarrierRefusedLine(TimeProvider time)
{
    private readonly FailureInLastDay _failure = new(time);

    /// <summary>Returns true when it is new (none in the last day, or another code), so the fault is logged once, not once a text.</summary>
    public bool Refused(int code) => _failure.Note(code);

    public void Delivered() => _failure.Clear();

    public string? Describe() => _failure.Last is { Code: { } code } last
        ? $"texts reported failed for the line's own number or account: {LineSideCodes.Meaning(code)} ({code}), last at "
            + $"{last.At.UtcDateTime:HH:mm:ss} UTC: no text of the line reaches anyone until it is fixed at Twilio"
        : null;
}
