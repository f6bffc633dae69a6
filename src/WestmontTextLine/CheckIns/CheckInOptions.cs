namespace WestmontTextLine.CheckIns;

/// <summary>The "CheckIn" settings section.</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIn";

    /// <summary>How long after the check-in text the texter has to reply OK before her contact is alerted.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The organisation's on-call phone, also alerted on a missed check-in or a code word (optional).</summary>
    public string? StaffNumber { get; set; }

    /// <summary>A safety contact unused this long is forgotten, with its number.</summary>
    public TimeSpan BuddyUnusedFor { get; set; } = TimeSpan.FromDays(30);
}
