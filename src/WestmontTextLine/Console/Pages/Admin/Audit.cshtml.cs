using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>The newest entries of the audit log: who did what to which account, never a texter's number or a message.</summary>
public sealed class AuditModel(IAuditLog log) : PageModel
{
    public const int Shown = 500;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await log.ReadAsync(Shown, HttpContext.RequestAborted);
}
