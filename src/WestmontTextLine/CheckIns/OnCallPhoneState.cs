using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Whether an alert to the on-call phone (<c>CheckIn:StaffNumber</c>) failed in the last day: refused, held back because
/// that number opted out (it texted STOP), or reported undelivered. For /healthz and the log: the on-call phone is the
/// operator's, and nothing else tells them that it gets no alerts. A delivered alert clears it. Per instance.
/// </summary>
public sealed class OnCallPhoneState(TimeProvider time)
{
    private readonly FailureInLastDay _failure = new(time);

    /// <summary>Returns true when it is new (none in the last day, or another code), so it is logged once, not once an alert.</summary>
    public bool NotReached(int? code) => _failure.Note(code);

    public void Delivered() => _failure.Clear();

    public string? Describe()
    {
        if (_failure.Last is not { } last) return null;
        var code = last.Code is { } known ? $" ({known})" : "";
        return $"an alert to the on-call phone (CheckIn:StaffNumber) was not delivered, last at {last.At.UtcDateTime:HH:mm:ss} UTC: {Meaning(last.Code)}{code}";
    }

    private static string Meaning(int? code) => code switch
    {
        21610 => "it opted out of the line's texts (STOP); text START from it",
        30003 => "it could not be reached; it may be off",
        21211 or 21614 or 30005 or 30006 => "it cannot get texts (a landline, or no such number); check the setting",
        30004 => "it blocks texts from the line",
        _ => "see the log and stats",
    };
}
