namespace WestmontTextLine.Handoff;

/// <summary>The "Handoff" settings section: talk to a person (see <see cref="HandoffOptionsValidation"/> for their limits).</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";
    public const string DefaultHours = "Mon-Fri 09:00-17:00";

    /// <summary>
    /// When the line promises that staff answer, in TextLine:TimeZone ("Mon-Fri 09:00-17:00; Sat 10:00-14:00"). A texter
    /// is told someone is there only inside these hours and while someone is on shift. Empty: no fixed hours; whoever is
    /// on shift answers at any time, and no time is promised to a texter when no one is.
    /// </summary>
    public string? Hours { get; set; } = DefaultHours;

    /// <summary>A conversation with no text either way for this long is closed, with a short closing text.</summary>
    public TimeSpan IdleClose { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a closed conversation, bodies and all, is kept for staff to read; then it is deleted.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When no one can answer, offer to take one text as a message for the next shift.</summary>
    public bool TakeMessages { get; set; }

    /// <summary>The hours as read; no fixed hours when they cannot be read (start-up refuses such a setting first).</summary>
    public StaffedHours StaffedHours() => _staffedHours ??= Handoff.StaffedHours.Parse(Hours, out _) ?? Handoff.StaffedHours.None;

    private StaffedHours? _staffedHours;
}
