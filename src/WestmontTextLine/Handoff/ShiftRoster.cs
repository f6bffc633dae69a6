namespace WestmontTextLine.Handoff;

/// <summary>
/// Who is on shift, in one record every instance shares (the private-records store: SQLite, Redis or memory). A staff
/// member who forgets to go off shift is taken off after <see cref="LongestShift"/>, so a texter is never told someone
/// is there when they went home: no read counts that shift from then, and the list keeps it, ended, until
/// <see cref="EndLongShiftsAsync"/> takes it out and says whose it was, so the audit log can say so. Each change is
/// announced (<see cref="InboxEventKind.Shift"/>).
/// </summary>
public sealed class ShiftRoster(HandoffStore store, IInboxEvents events, TimeProvider time, ILogger<ShiftRoster> logger) : IShifts
{
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(12);

    /// <summary>How long the list outlives its last shift's end, so that an end found late (the line was down) is still told.</summary>
    public static readonly TimeSpan EndedKeptFor = TimeSpan.FromDays(7);

    public async Task GoOnAsync(string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var now = time.GetUtcNow();
        await store.UpdateShiftsAsync(list =>
        {
            var staff = (list?.Staff ?? []).Where(s => s.Name != staffName || Ended(s, now)).Append(new OnShift(staffName, now)).ToList();
            return new ShiftList { Staff = staff };
        }, EndOfLastShift, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    public async Task GoOffAsync(string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var now = time.GetUtcNow();
        await store.UpdateShiftsAsync(list =>
        {
            var staff = (list?.Staff ?? []).Where(s => s.Name != staffName || Ended(s, now)).ToList();
            return staff.Count == 0 ? null : new ShiftList { Staff = staff };
        }, EndOfLastShift, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> OnShiftAsync(CancellationToken cancellationToken = default)
    {
        var list = await store.ShiftsAsync(cancellationToken);
        return [.. Current(list, time.GetUtcNow()).OrderBy(s => s.Since).Select(s => s.Name)];
    }

    public async Task<IReadOnlyList<EndedShift>> EndLongShiftsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<EndedShift> ended = [];
        await store.UpdateShiftsAsync(list =>
        {
            // Run again if another instance wrote in between: what this one ends is what its last run took out.
            ended = [.. (list?.Staff ?? []).Where(s => Ended(s, now)).Select(s => new EndedShift(s.Name, s.Since + LongestShift))];
            if (list is null || ended.Count == 0) return list;
            // Kept (empty) rather than deleted: a deletion is not checked against a write in between, so two instances
            // could both end, and both tell, the same shift.
            return new ShiftList { Staff = [.. list.Staff.Where(s => !Ended(s, now))] };
        }, list => list.Staff.Count == 0 ? now + EndedKeptFor : EndOfLastShift(list), cancellationToken);
        if (ended.Count > 0) await PublishAsync(cancellationToken);
        return ended;
    }

    private static bool Ended(OnShift shift, DateTimeOffset now) => now - shift.Since >= LongestShift;

    private static IEnumerable<OnShift> Current(ShiftList? list, DateTimeOffset now) => (list?.Staff ?? []).Where(s => !Ended(s, now));

    private static DateTimeOffset? EndOfLastShift(ShiftList list) => list.Staff.Max(s => s.Since) + LongestShift + EndedKeptFor;

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await events.PublishAsync(new InboxEvent(InboxEventKind.Shift, null), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Shift change not announced: {Fault}", ex.GetType().Name);
        }
    }
}
