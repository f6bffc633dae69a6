using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Simulator;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Console.Pages;

/// <summary>A phone-shaped chat with the line's own conversation service and flows, all in memory: try a change before texters see it.</summary>
public sealed class SimulatorModel(SimulatorSessions simulator, Flow flow) : PageModel
{
    public static readonly TimeSpan ClockStep = TimeSpan.FromMinutes(31);

    public IReadOnlyList<(string Sent, SimulatorReply Reply)> Texts { get; private set; } = [];
    public TimeSpan ClockOffset { get; private set; }
    public IReadOnlyList<(string Code, string Word)> Languages { get; private set; } = [];

    [BindProperty]
    public string? Body { get; set; }

    private string TexterId => "staff:" + User.Identity!.Name;

    public void OnGet() => Load();

    /// <summary>A text from the simulated phone: JSON for the page's script, the whole page without script.</summary>
    public async Task<IActionResult> OnPostTextAsync()
    {
        var body = (Body ?? "").Trim();
        if (body.Length is 0 or > 1600) return BadRequest();
        var reply = await simulator.TextAsync(TexterId, body, HttpContext.RequestAborted);
        if (IsScript()) return new JsonResult(reply);
        return RedirectToPage();
    }

    public IActionResult OnPostNewTexter()
    {
        simulator.NewTexter(TexterId);
        return IsScript() ? new JsonResult(new { ok = true }) : RedirectToPage();
    }

    public IActionResult OnPostAdvanceClock()
    {
        var offset = simulator.Advance(TexterId, ClockStep);
        return IsScript() ? new JsonResult(new { minutes = (int)offset.TotalMinutes }) : RedirectToPage();
    }

    private bool IsScript() => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    private void Load()
    {
        (Texts, ClockOffset) = simulator.Conversation(TexterId);
        // Each language's first word as its flow file lists it (ENGLISH, ESPANOL): WordsOf is longest first, which
        // made the Spanish button "NO ENTIENDO INGLES".
        Languages = [.. flow.Languages.Values.Select(l => (l.Language, flow.Keywords.All
            .FirstOrDefault(k => k.Value.Action == KeywordAction.Language && k.Value.Language == l.Language).Key
            ?? l.Language.ToUpperInvariant()))];
    }
}
