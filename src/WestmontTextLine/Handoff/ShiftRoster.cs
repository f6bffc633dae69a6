namespace WestmontTextLine.Handoff;

/// <summary>
/// Who is on shift, in one record every instance shares (the private-records store: SQLite, Redis or memory). A staff
/// member who forgets to go off shift is taken off after <see cref="LongestShift"/>, so a texter is never told someone
/// is there when they went home. Each change is announced (<see cref="InboxEventKind.Shift"/>).
/// </summary>
public sealed class ShiftRoster(HandoffStore store, IInboxEvents events, TimeProvider time, ILogger<ShiftRoster> logger) : IShifts
{
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(12);

    public async Task GoOnAsync(string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var now = time.GetUtcNow();
        await store.UpdateShiftsAsync(list =>
        {
            var staff = Current(list, now).Where(s => s.Name != staffName).Append(new OnShift(staffName, now)).ToList();
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
            var staff = Current(list, now).Where(s => s.Name != staffName).ToList();
            return staff.Count == 0 ? null : new ShiftList { Staff = staff };
        }, EndOfLastShift, cancellationToken);
        await PublishAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> OnShiftAsync(CancellationToken cancellationToken = default)
    {
        var list = await store.ShiftsAsync(cancellationToken);
        return [.. Current(list, time.GetUtcNow()).OrderBy(s => s.Since).Select(s => s.Name)];
    }

    private static IEnumerable<OnShift> Current(ShiftList? list, DateTimeOffset now) =>
        (list?.Staff ?? []).Where(s => now - s.Since < LongestShift);

    private static DateTimeOffset? EndOfLastShift(ShiftList list) => list.Staff.Max(s => s.Since) + LongestShift;

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
