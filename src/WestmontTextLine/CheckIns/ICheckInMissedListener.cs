namespace WestmontTextLine.CheckIns;

/// <summary>
/// Told when a texter's check-in lapsed with no OK, after her contact or she was texted (the inbox notes it in her open
/// chat with staff). Gets her keyed hash, the time that was due and whether her contact was alerted: never a number.
/// </summary>
public interface ICheckInMissedListener
{
    Task CheckInMissedAsync(string texterKey, DateTimeOffset dueAt, bool contactAlerted, CancellationToken cancellationToken);
}
