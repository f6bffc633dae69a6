namespace WestmontTextLine.Console.Audit;

/// <summary>
/// One page of the entries that match an <see cref="AuditFilter"/>, newest first, read at one moment: how many match,
/// which page this is (the one asked for, or the last when that is past the end), and the actors and kinds of action
/// in the whole log, for the page's filters.
/// </summary>
public sealed record AuditView(IReadOnlyList<AuditEntry> Entries, int Matching, int Page, IReadOnlyCollection<string> Actors, IReadOnlyCollection<string> Kinds)
{
    /// <summary>The page to show of <paramref name="matching"/> entries: <paramref name="page"/>, kept within 0 and the last page.</summary>
    public static int PageWithin(int page, long matching, int pageSize) => (int)Math.Clamp(page, 0, Math.Max(0, (matching - 1) / pageSize));
}
