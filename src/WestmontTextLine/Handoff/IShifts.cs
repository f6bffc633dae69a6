namespace WestmontTextLine.Handoff;

/// <summary>Who is on shift now, shared by every instance. A texter is told someone is there only if this is not empty.</summary>
public interface IShifts
{
    Task GoOnAsync(string staffName, CancellationToken cancellationToken = default);

    Task GoOffAsync(string staffName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> OnShiftAsync(CancellationToken cancellationToken = default);
}
