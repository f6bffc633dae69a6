namespace WestmontTextLine.Console.Audit;

/// <summary>
/// Which entries the Audit page shows: by one actor (any case), of one kind of action ("inbox" for "inbox.deleted"),
/// with text in the target (any case), at or after <see cref="From"/> and before <see cref="Before"/>. Null: any. Each
/// store applies it itself (<see cref="IAuditLog.ReadViewAsync"/>), so a view reads about one page.
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Kind = null, string? TargetContains = null, DateTimeOffset? From = null,
    DateTimeOffset? Before = null)
{
    public static readonly AuditFilter None = new();

    public bool Matches(AuditEntry entry) =>
        (Actor is null || string.Equals(entry.Actor, Actor, StringComparison.OrdinalIgnoreCase))
        && (Kind is null || KindOf(entry.Action) == Kind)
        && (TargetContains is null || entry.Target.Contains(TargetContains, StringComparison.OrdinalIgnoreCase))
        && (From is null || entry.Time >= From)
        && (Before is null || entry.Time < Before);

    /// <summary>"inbox" for "inbox.deleted": the part before the first dot.</summary>
    public static string KindOf(string action) => action.Split('.', 2)[0];

    /// <summary>The form in which a store compares text without regard to case, as <see cref="StringComparison.OrdinalIgnoreCase"/> does.</summary>
    public static string Folded(string text) => text.ToUpperInvariant();
}
