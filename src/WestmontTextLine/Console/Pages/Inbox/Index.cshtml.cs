using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Pages.Inbox;

/// <summary>
/// The open conversations, urgent first, then the longest waiting (the order <see cref="IHandoffInbox"/> gives), each
/// by pseudonym with her language, how long she has waited, who claimed it and the answers she read before asking;
/// never a number. The list is the page's live part: its script fetches it again (handler List) on each inbox event.
/// </summary>
public sealed class InboxModel(IHandoffInbox inbox, ShiftSwitch shifts, TimeProvider time) : PageModel
{
    public ShiftPanel Shift { get; private set; } = new([], false, "");
    public InboxList List { get; private set; } = new([]);

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        // One read of each serves the list and the shift panel (its count of what the last one on shift would leave,
        // and who is on shift, which the list says of each conversation's holder).
        var open = await inbox.ListOpenAsync(HttpContext.RequestAborted);
        Shift = await ShiftPanelAsync(open);
        List = ListOf(open, Shift);
    }

    /// <summary>
    /// The live part alone, for the page's script, with the shift panel's key: the panel is fetched again (handler Shift)
    /// only when that changed, where it was fetched at every event and every 30 seconds.
    /// </summary>
    public async Task<IActionResult> OnGetListAsync()
    {
        this.KeepNoticesForThePage();
        var open = await inbox.ListOpenAsync(HttpContext.RequestAborted);
        return Partial("_InboxList", ListOf(open, await ShiftPanelAsync(open)));
    }

    /// <summary>
    /// The shift panel's changing part alone (who is on shift, the last one's warning, the button), for the page's script:
    /// a colleague going on or off shift changes it, and an open inbox showed the old list of who was on until a reload.
    /// </summary>
    public async Task<IActionResult> OnGetShiftAsync()
    {
        this.KeepNoticesForThePage();
        return Partial("_ShiftNow", await ShiftPanelAsync());
    }

    private async Task<ShiftPanel> ShiftPanelAsync(IReadOnlyList<InboxConversation>? open = null) =>
        await shifts.PanelAsync(User.Identity!.Name!, Url.Page("/Inbox/Index")!, HttpContext.RequestAborted, open) with
        {
            LiveSrc = Url.Page("/Inbox/Index", "Shift"),
        };

    private InboxList ListOf(IReadOnlyList<InboxConversation> open, ShiftPanel shift)
    {
        var now = time.GetUtcNow();
        return new InboxList([.. open.Select(conversation => new InboxRow(conversation, WaitingTime.Of(conversation.WaitingSince, now),
            HolderText.Of(conversation.ClaimedBy, shift.OnShift)))], shift.Key);
    }
}

/// <param name="ShiftKey">The shift panel's <see cref="ShiftPanel.Key"/>, read with the list.</param>
public sealed record InboxList(IReadOnlyList<InboxRow> Rows, string ShiftKey = "")
{
    /// <inheritdoc cref="InboxTabNote.Of"/>
    public string? TabNote => InboxTabNote.Of(Rows.Select(row => row.Conversation));
}

public sealed record InboxRow(InboxConversation Conversation, string Waiting, string ClaimedBy);
