namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether the line's texts were reported failed, in the last day, for the line's own number or account
/// (<see cref="LineSideCodes"/>), for /healthz and the log. Twilio takes such texts and reports them failed later, in
/// their status callbacks, so the outbox sees nothing wrong; a delivered text proves the line can send again. Per
/// instance, as the callbacks reach it.
/// </summary>
public sealed class CarrierRefusedLine(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private readonly Lock _gate = new();
    private (int Code, DateTimeOffset At)? _last;

    /// <summary>Returns true when it is new (none in the last day), so the fault is logged once, not once a text.</summary>
    public bool Refused(int code)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var first = _last is not { } last || now - last.At >= Window || last.Code != code;
            _last = (code, now);
            return first;
        }
    }

    public void Delivered()
    {
        lock (_gate) _last = null;
    }

    public string? Describe()
    {
        lock (_gate)
        {
            if (_last is not { } last || time.GetUtcNow() - last.At >= Window) return null;
            return $"texts reported failed for the line's own number or account: {LineSideCodes.Meaning(last.Code)} ({last.Code}), last at "
                + $"{last.At.UtcDateTime:HH:mm:ss} UTC: no text of the line reaches anyone until it is fixed at Twilio";
        }
    }
}
