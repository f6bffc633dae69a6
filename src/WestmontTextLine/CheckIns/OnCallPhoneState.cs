using WestmontTextLine.Outbound;
using WestmontTextLine.Records;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Whether an alert to the on-call phone (<c>CheckIn:StaffNumber</c>) failed in the last day: refused, held back because
/// that number opted out (it texted STOP), or reported undelivered. For /healthz and the log: the on-call phone is the
/// operator's, and nothing else tells them that it gets no alerts. A delivered alert clears it. Kept in the store, so
/// every instance says it, and after a restart too.
/// </summary>
public sealed class OnCallPhoneState(IPrivateRecords records, TimeProvider time, ILogger<OnCallPhoneState> logger)
{
    private readonly FailureInLastDay _failure = new(records, "on-call-phone", time, logger);

    /// <summary>Returns true when it is new (none in the last day, or another code), so it is logged once, not once an alert.</summary>
    public Task<bool> NotReachedAsync(int? code, CancellationToken cancellationToken = default) => _failure.NoteAsync(code, cancellationToken);

    public Task DeliveredAsync(CancellationToken cancellationToken = default) => _failure.ClearAsync(cancellationToken);

    public async Task<string?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        if (await _failure.LastAsync(cancellationToken) is not { } last) return null;
        var code = last.Code is { } known ? $" ({known})" : "";
        return $"an alert to the on-call phone (CheckIn:StaffNumber) was not delivered, last at {last.At.UtcDateTime:HH:mm:ss} UTC: {Meaning(last.Code)}{code}";
    }

    private static string Meaning(int? code) => code switch
    {
        21610 => "it opted out of the line's texts (STOP); text START from it",
        30003 => "it could not be reached; it may be off",
        _ when NumberCannotGetTextsCodes.Is(code) => "it cannot get texts (a landline, or no such number); check the setting",
        30004 => "it blocks texts from the line",
        _ => "see the log and stats",
    };
}
