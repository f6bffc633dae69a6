namespace WestmontTextLine.Handoff;

/// <summary>Who is on shift now, shared by every instance. A texter is told someone is there only if this is not empty.</summary>
public interface IShifts
{
    Task GoOnAsync(string staffName, CancellationToken cancellationToken = default);

    Task GoOffAsync(string staffName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> OnShiftAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes out the shifts that ended by themselves (<see cref="ShiftRoster.LongestShift"/>); whose they were, and when they ended.</summary>
    Task<IReadOnlyList<EndedShift>> EndLongShiftsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A shift that ended by itself: whose, and when.</summary>
public sealed record EndedShift(string Name, DateTimeOffset EndedAt);
