using WestmontTextLine.Console.Audit;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// Writes the end of each shift that ended by itself after <see cref="ShiftRoster.LongestShift"/> (12 hours) to the
/// audit log: "shift.off" by <see cref="Actor"/>, about her, at the moment it ended. Run every minute
/// (<see cref="LongShiftSweep"/>), and before any other change of shift (the shift button, signing out, an account
/// change), so her end comes before what follows it and no "shift.on" is left in the trail with no end.
/// </summary>
public sealed class LongShiftEnds(IShifts shifts, IAuditLog audit)
{
    /// <summary>Who ended it: no account (an account's name has no brackets or spaces).</summary>
    public const string Actor = "(12-hour limit)";

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        foreach (var ended in await shifts.EndLongShiftsAsync(cancellationToken))
        {
            await audit.AppendAsync(new AuditEntry(ended.EndedAt, Actor, ConsoleAuditActions.ShiftOff, ended.Name), cancellationToken);
        }
    }
}
