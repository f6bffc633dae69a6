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
/// March about a chat in November finds that chat's lines among a year of others. The store applies the filters and
/// reads about one page (<see cref="IAuditLog.ReadViewAsync"/>).
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
        var view = await log.ReadViewAsync(new AuditFilter(Who, What, About, after, before), Older, Shown, HttpContext.RequestAborted);
        Actors = [.. view.Actors.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        Kinds = [.. view.Kinds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Matching = view.Matching;
        Older = view.Page;
        Skipped = Older * Shown;
        Entries = view.Entries;
    }
}
