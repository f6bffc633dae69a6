using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>
/// The audit log, newest first, <see cref="Shown"/> entries a page: who did what to which account or conversation, never
/// a texter's number or a message. Every entry the log keeps can be reached, with Older entries, and narrowed to one
/// person, one kind of action ("inbox", "shift", "signin"...), what it was done to (a conversation's id, an account's
/// name: <see cref="About"/>) and days in the line's time zone (<see cref="From"/>, <see cref="To"/>): a complaint in
/// March about a chat in November finds that chat's lines among a year of others. The log is read a part at a time,
/// and only the page shown is kept.
/// </summary>
public sealed class AuditModel(IAuditLog log, LineClock clock) : PageModel
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

    /// <summary>Text in "To what": a conversation's id (or its first characters), an account's name. Any case.</summary>
    [BindProperty(SupportsGet = true)]
    public string? About { get; set; }

    /// <summary>The first and last day shown, in the line's time zone (TextLine:TimeZone), both included.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Which page back from the newest: 0, 1, 2...</summary>
    [BindProperty(SupportsGet = true)]
    public int Older { get; set; }

    /// <summary>The days as the date fields and the page links write them.</summary>
    public string? FromDay => From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public string? ToDay => To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public bool HasOlder => Skipped + Entries.Count < Matching;

    public bool Filtered => Who is not null || What is not null || About is not null || From is not null || To is not null;

    public async Task OnGetAsync()
    {
        Who = string.IsNullOrWhiteSpace(Who) ? null : Who.Trim();
        What = string.IsNullOrWhiteSpace(What) ? null : What.Trim();
        About = string.IsNullOrWhiteSpace(About) ? null : About.Trim();
        if (From > To) (From, To) = (To, From);
        var after = From is { } from ? clock.MomentOf(from.ToDateTime(TimeOnly.MinValue)) : (DateTimeOffset?)null;
        var before = To is { } to ? clock.MomentOf(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) : (DateTimeOffset?)null;
        var actors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var page = new List<AuditEntry>(Shown);
        var wanted = Math.Max(0, Older) * Shown;
        var matching = 0;
        var lastPage = new Queue<AuditEntry>();
        await foreach (var entry in log.ReadAllAsync(HttpContext.RequestAborted))
        {
            actors.Add(entry.Actor);
            kinds.Add(KindOf(entry.Action));
            if (!Matches(entry, after, before)) continue;
            if (matching >= wanted && page.Count < Shown) page.Add(entry);
            // The last page so far, for an Older past the end (a link kept from a longer log).
            if (matching % Shown == 0) lastPage.Clear();
            lastPage.Enqueue(entry);
            matching++;
        }
        Actors = [.. actors.Order(StringComparer.OrdinalIgnoreCase)];
        Kinds = [.. kinds.Order(StringComparer.Ordinal)];
        Matching = matching;
        Older = Math.Clamp(Older, 0, Math.Max(0, (Matching - 1) / Shown));
        Skipped = Older * Shown;
        Entries = page.Count > 0 || Matching == 0 ? page : [.. lastPage];
    }

    private bool Matches(AuditEntry entry, DateTimeOffset? after, DateTimeOffset? before) =>
        (Who is null || string.Equals(entry.Actor, Who, StringComparison.OrdinalIgnoreCase))
        && (What is null || KindOf(entry.Action) == What)
        && (About is null || entry.Target.Contains(About, StringComparison.OrdinalIgnoreCase))
        && (after is null || entry.Time >= after)
        && (before is null || entry.Time < before);

    /// <summary>"inbox" for "inbox.deleted": the part before the first dot.</summary>
    public static string KindOf(string action) => action.Split('.', 2)[0];
}
