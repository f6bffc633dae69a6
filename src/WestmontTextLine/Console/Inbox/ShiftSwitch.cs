using Microsoft.Extensions.Options;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// A staff member going on or off shift (the one button on the home and inbox pages, and signing out), through
/// <see cref="IShifts"/>, shared by every instance, and written to the audit log when it changes something.
/// </summary>
public sealed class ShiftSwitch(IShifts shifts, ConsoleAudit audit, IOptions<HandoffOptions> handoff, IOptions<TextLineOptions> line, IOutboundTexts outbound, IHandoffInbox inbox,
    LongShiftEnds longShifts)
{
    public Task<IReadOnlyList<string>> OnShiftAsync(CancellationToken cancellationToken) => shifts.OnShiftAsync(cancellationToken);

    /// <summary>The shift button's panel; <paramref name="open"/> when the page has just read the open conversations itself.</summary>
    public async Task<ShiftPanel> PanelAsync(string staff, string returnUrl, CancellationToken cancellationToken, IReadOnlyList<InboxConversation>? open = null)
    {
        var onShift = await shifts.OnShiftAsync(cancellationToken);
        var hours = handoff.Value.StaffedHours();
        return new ShiftPanel(onShift, onShift.Contains(staff, StringComparer.OrdinalIgnoreCase), returnUrl,
            hours.IsEmpty ? null : hours.Text, line.Value.TimeZone, outbound.Enabled, await LeavingAloneAsync(staff, onShift, open, cancellationToken));
    }

    /// <summary>The open conversations no one would watch if <paramref name="staff"/> went off shift now; null if others are on.</summary>
    private async Task<LeavingAlone?> LeavingAloneAsync(
        string staff, IReadOnlyList<string> onShift, IReadOnlyList<InboxConversation>? open, CancellationToken cancellationToken) =>
        LeavingAlone.IsLastOnShift(staff, onShift)
            ? LeavingAlone.Of(staff, open ?? await inbox.ListOpenAsync(cancellationToken), handoff.Value.IdleClose)
            : null;

    /// <summary>Puts the staff member on or off shift; true when that changed something (and was audited).</summary>
    public async Task<bool> SetAsync(string staff, bool on, CancellationToken cancellationToken)
    {
        await longShifts.RecordAsync(cancellationToken);
        var wasOn = (await shifts.OnShiftAsync(cancellationToken)).Contains(staff, StringComparer.OrdinalIgnoreCase);
        if (wasOn == on) return false;
        if (on) await shifts.GoOnAsync(staff, cancellationToken);
        else await shifts.GoOffAsync(staff, cancellationToken);
        await audit.RecordAsync(staff, on ? ConsoleAuditActions.ShiftOn : ConsoleAuditActions.ShiftOff);
        return true;
    }
}

/// <summary>
/// What the shift button shows: who is on shift now, whether the signed-in person is, where to come back to, and what
/// else decides whether texters are told someone is there (the staffed hours, and whether the line can text at all),
/// and, for the last one on shift, the open conversations she would leave with no one. <see cref="LiveSrc"/>, on a page
/// that keeps the panel live (the inbox), is where its script fetches the changing part again.
/// </summary>
public sealed record ShiftPanel(
    IReadOnlyList<string> OnShift, bool IAmOnShift, string ReturnUrl, string? StaffedHours = null, string TimeZone = "", bool CanSend = true,
    LeavingAlone? Leaving = null, string? LiveSrc = null)
{
    /// <summary>
    /// What the panel's changing part shows, in one line (who is on shift, whether she is, the last one's warning): the
    /// inbox's list carries it, and the page fetches the part again only when it changes, not at each of its events.
    /// </summary>
    public string Key => $"{string.Join(",", OnShift)}|{IAmOnShift}|{Leaving?.Summary}";
}
