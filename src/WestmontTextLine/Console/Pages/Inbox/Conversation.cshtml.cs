using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Pages.Inbox;

/// <summary>
/// One conversation: its messages (with each staff reply's delivery, and Twilio's error code and a Retry button when
/// one failed), and what staff do with it: claim, transfer, reply (with the segment count and the lock-screen warning
/// as they type, and referrals inserted from the directory), close, delete now. Every action goes through
/// <see cref="InboxActions"/>, which writes the audit log. The status and messages are the page's live part: its
/// script fetches them again (handler Live) on each inbox event, and keeps the reply being typed; the live part also lists
/// the other texters who wait or are urgent ("Others waiting"), so a volunteer in one conversation sees another arrive.
/// </summary>
public sealed class ConversationModel(
    IHandoffInbox inbox, InboxActions actions, ConversationReads reads, ShiftSwitch shifts, StaffAccounts accounts, Flow flow, TimeProvider time)
    : PageModel
{
    public const int MaxReplyLength = 1600;

    public ConversationView? View { get; private set; }
    public IReadOnlyList<ReferralChoice> Referrals { get; private set; } = [];
    public ReplyDraftCheck Draft { get; private set; } = null!;

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Referral { get; set; }

    /// <summary>The reply form's id (<see cref="StaffReplyIds"/>): the same form posted twice sends one text.</summary>
    [BindProperty]
    public string? ReplyId { get; set; }

    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>Why the action just tried did not happen, when the page is shown again at once (the reply typed kept).</summary>
    public string? Refused { get; private set; }

    /// <summary>
    /// A reply refused with its words (the chat closed, or was deleted, a moment before Send): the page keeps them in
    /// the reply box, read-only, to copy, as a reply the line could not be reached for is kept.
    /// </summary>
    public bool KeepsUnsentReply => Refused is not null && !string.IsNullOrWhiteSpace(Body);

    private string Staff => User.Identity!.Name!;
    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(string id) => await ShowAsync(id);

    /// <summary>The live part alone (status, actions, messages), for the page's script; 404 once the conversation is gone.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string id)
    {
        this.KeepNoticesForThePage();
        return await LoadViewAsync(id) is { } view ? Partial("_Conversation", view) : NotFound();
    }

    public Task<IActionResult> OnPostClaimAsync(string id) =>
        ActAsync(id, conversation => actions.ClaimAsync(conversation, Staff, Aborted), "You have this conversation now.");

    /// <summary>Hands the conversation to another staff account, named as the account list names it.</summary>
    public async Task<IActionResult> OnPostTransferAsync(string id, string? to)
    {
        var colleague = (await accounts.ListAsync(Aborted)).FirstOrDefault(account =>
            string.Equals(account.UserName, to, StringComparison.OrdinalIgnoreCase) && !string.Equals(account.UserName, Staff, StringComparison.OrdinalIgnoreCase));
        if (colleague is null) return await AfterAsync(id, "Choose a colleague's account to transfer it to.");
        return await ActAsync(id, conversation => actions.TransferAsync(conversation, Staff, colleague.UserName, Aborted), $"Transferred to {colleague.UserName}.");
    }

    public Task<IActionResult> OnPostRetryAsync(string id, long number) =>
        ActAsync(id, conversation => actions.RetryAsync(conversation, number, Staff, Aborted), "Sending it again.");

    public Task<IActionResult> OnPostCloseAsync(string id) =>
        ActAsync(id, conversation => actions.CloseAsync(conversation, Staff, Aborted), "Closed. The texter got the closing text; her next text works the menu.");

    public async Task<IActionResult> OnPostDeleteAsync(string id, bool confirm)
    {
        if (!confirm) return await AfterAsync(id, "Tick the box to confirm: deleting cannot be undone.");
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return NotFoundPage();
        var outcome = await actions.DeleteAsync(conversation, Staff, Aborted);
        if (outcome != InboxOutcome.Done) return await AfterAsync(id, OutcomeText.Of(outcome));
        TempData[nameof(InboxModel.Done)] = $"Deleted the conversation with {conversation.Pseudonym}, and its messages.";
        return RedirectToPage("/Inbox/Index");
    }

    public async Task<IActionResult> OnPostReplyAsync(string id)
    {
        var body = (Body ?? "").Trim();
        if (body.Length is 0 or > MaxReplyLength) return await ShowAsync(id, "Write a reply first (at most 3 segments).");
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return NotFoundPage(OutcomeText.OfReply(InboxOutcome.NotFound));
        var outcome = await actions.ReplyAsync(conversation, Staff, body, ReplyId, Aborted);
        if (outcome is not (InboxOutcome.Done or InboxOutcome.AlreadyDone)) return await ShowAsync(id, OutcomeText.OfReply(outcome));
        Done = $"Sent to {conversation.Pseudonym}.";
        return RedirectToPage(new { id });
    }

    /// <summary>Adds the chosen referral's line to the reply (for a browser without script; the script inserts it in place).</summary>
    public async Task<IActionResult> OnPostInsertAsync(string id)
    {
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return NotFoundPage();
        if (ReferralChoices.Find(flow, conversation.Language, Referral) is not { } referral) return await ShowAsync(id, "Choose a referral to insert.");
        var body = (Body ?? "").TrimEnd();
        Body = body.Length == 0 ? referral.Text : body + "\n" + referral.Text;
        ModelState.Remove(nameof(Body));
        return await ShowAsync(id);
    }

    /// <summary>The reply being typed, measured: segments, encoding, length, lock-screen words (JSON for the page's script).</summary>
    public async Task<IActionResult> OnPostMeterAsync(string id)
    {
        this.KeepNoticesForThePage();
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return NotFound();
        var draft = ReplyDraftCheck.Of(Body ?? "", flow.Language(conversation.Language));
        return new JsonResult(new { summary = draft.Summary, problem = draft.Problem, lockScreen = draft.LockScreenWarning, segments = draft.Segments });
    }

    private async Task<IActionResult> ActAsync(string id, Func<InboxConversation, Task<InboxOutcome>> act, string done)
    {
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return NotFoundPage();
        var outcome = await act(conversation);
        return await AfterAsync(id, outcome == InboxOutcome.Done ? null : OutcomeText.Of(outcome), outcome == InboxOutcome.Done ? done : null);
    }

    private Task<IActionResult> AfterAsync(string id, string? problem, string? done = null)
    {
        Problem = problem;
        Done = done;
        return Task.FromResult<IActionResult>(RedirectToPage(new { id }));
    }

    private async Task<IActionResult> ShowAsync(string id, string? problem = null)
    {
        View = await LoadViewAsync(id);
        if (View is null) return NotFoundPage(problem is null ? null : OutcomeText.OfReply(InboxOutcome.NotFound));
        Refused = problem;
        // The box shown again with its reply (refused, or a referral inserted) keeps its id: nothing was sent with it.
        if (!StaffReplyIds.IsReplyId(ReplyId)) ReplyId = StaffReplyIds.New();
        ModelState.Remove(nameof(ReplyId));
        Referrals = ReferralChoices.For(flow, View.Conversation.Language);
        Draft = ReplyDraftCheck.Of(Body ?? "", flow.Language(View.Conversation.Language));
        return Page();
    }

    private IActionResult NotFoundPage(string? refused = null)
    {
        View = null;
        Refused = refused;
        Draft = ReplyDraftCheck.Of("", flow.Default);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<ConversationView?> LoadViewAsync(string id)
    {
        if (await inbox.FindAsync(id, Aborted) is not { } conversation) return null;
        await reads.NoteAsync(conversation, Staff, Aborted);
        var messages = await inbox.MessagesAsync(id, Aborted);
        var onShift = await shifts.OnShiftAsync(Aborted);
        var colleagues = (await accounts.ListAsync(Aborted))
            .Where(account => !string.Equals(account.UserName, Staff, StringComparison.OrdinalIgnoreCase))
            .Select(account => new Colleague(account.UserName, onShift.Contains(account.UserName, StringComparer.OrdinalIgnoreCase)))
            .OrderByDescending(colleague => colleague.OnShift).ThenBy(colleague => colleague.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var others = (await inbox.ListOpenAsync(Aborted)).Where(other => other.Id != id).ToList();
        return new ConversationView(conversation, messages, Staff, colleagues, time.GetUtcNow(), others);
    }
}
