using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>
/// The audit log, newest first, <see cref="Shown"/> entries a page: who did what to which account or conversation, never
/// a texter's number or a message. Every entry the log keeps can be reached, with Older entries, and narrowed to one
/// person or one kind of action ("inbox", "shift", "signin"...): a staff member who writes hundreds of lines (going on
/// and off shift) cannot push what she did before out of an administrator's sight.
/// </summary>
public sealed class AuditModel(IAuditLog log) : PageModel
{
    public const int Shown = 500;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>The accounts and kinds of action in the log, for the filters.</summary>
    public IReadOnlyList<string> Actors { get; private set; } = [];
    public IReadOnlyList<string> Kinds { get; private set; } = [];

    /// <summary>How many entries match the filters, and where this page starts among them (0: the newest).</summary>
    public int Matching { get; private set; }
    public int Skipped { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? What { get; set; }

    /// <summary>Which page back from the newest: 0, 1, 2...</summary>
    [BindProperty(SupportsGet = true)]
    public int Older { get; set; }

    public bool HasOlder => Skipped + Entries.Count < Matching;

    public async Task OnGetAsync()
    {
        var all = await log.ReadAsync(IAuditLog.DefaultCapacity, HttpContext.RequestAborted);
        Actors = [.. all.Select(entry => entry.Actor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        Kinds = [.. all.Select(entry => KindOf(entry.Action)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Who = string.IsNullOrWhiteSpace(Who) ? null : Who.Trim();
        What = string.IsNullOrWhiteSpace(What) ? null : What.Trim();
        var matching = all.Where(entry =>
            (Who is null || string.Equals(entry.Actor, Who, StringComparison.OrdinalIgnoreCase)) && (What is null || KindOf(entry.Action) == What)).ToList();
        Matching = matching.Count;
        Older = Math.Clamp(Older, 0, Math.Max(0, (Matching - 1) / Shown));
        Skipped = Older * Shown;
        Entries = [.. matching.Skip(Skipped).Take(Shown)];
    }

    /// <summary>"inbox" for "inbox.deleted": the part before the first dot.</summary>
    public static string KindOf(string action) => action.Split('.', 2)[0];
}
