using WestmontTextLine.Logging;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Handoff;

/// <summary>
/// What both sides of a conversation with staff do to it, kept consistent across its records: the conversation itself,
/// the texter's record (her open conversation, the closed ones kept), the index of open ones, and its one timer
/// (<see cref="WorkKinds.Handoff"/>): idle close while open, deletion Handoff:KeepFor after it closed. Each change is
/// announced on <see cref="IInboxEvents"/>. A conversation is written first and listed after, so a crash in between
/// leaves at worst a record that expires, never a listing of nothing.
/// </summary>
public sealed class HandoffConversations(
    HandoffStore store,
    IScheduledWork work,
    IInboxEvents events,
    IOutboundTexts outbound,
    HandoffTexts texts,
    IOptions<HandoffOptions> options,
    TexterTurns turns,
    RestoredCopy restored,
    TimeProvider time,
    IEnumerable<ILateStaffCloseListener> lateStaffCloses,
    ILogger<HandoffConversations> logger)
{
    /// <summary>An open conversation's record outlives its timers by far: the worker closes it long before this.</summary>
    public static readonly TimeSpan OpenBackstop = TimeSpan.FromDays(14);

    /// <summary>
    /// At most this many conversations are open at once. The index of open ones is one record, rewritten whole by
    /// every new or closed conversation, and the inbox page reads every one it lists: with messages taken after hours
    /// (kept until a day after the next staffed hours begin) and no cap, a soak left thousands open and the index
    /// growing by every TALK. With the inbox full, a texter who asks for a person gets the honest "no one can answer"
    /// reply (911 and the hotline), with no offer to take a message.
    /// </summary>
    public const int MaxOpen = 1_000;

    /// <summary>
    /// At most this many of one texter's closed conversations are kept for staff to read; closing one more deletes the
    /// oldest at once. Her record lists them all and is rewritten whole at each close: TALK and MENU over and over
    /// (20 a minute under the rate limit) kept every chat for a day, a record growing by each and thousands of
    /// conversations from one number.
    /// </summary>
    public const int MaxKeptPerTexter = 10;

    public HandoffOptions Options => options.Value;

    /// <summary>True when <see cref="MaxOpen"/> conversations are open: no new one may be opened.</summary>
    public async Task<bool> InboxFullAsync(CancellationToken cancellationToken) => (await OpenIdsAsync(cancellationToken)).Count >= MaxOpen;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public Task<HandoffConversation?> LoadAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? store.ConversationAsync(id, cancellationToken) : Task.FromResult<HandoffConversation?>(null);

    public Task<HandoffConversation?> UpdateAsync(string id, Func<HandoffConversation?, HandoffConversation?> change, CancellationToken cancellationToken) =>
        store.UpdateConversationAsync(id, change, ExpiresAt, cancellationToken);

    public Task<HandoffTexter?> TexterAsync(string texterKey, CancellationToken cancellationToken) => store.TexterAsync(texterKey, cancellationToken);

    public Task<HandoffTexter?> UpdateTexterAsync(string texterKey, Func<HandoffTexter?, HandoffTexter?> change, CancellationToken cancellationToken) =>
        store.UpdateTexterAsync(texterKey, texter => Tidy(change(texter)), TexterExpiresAt, cancellationToken);

    public async Task<IReadOnlyList<string>> OpenIdsAsync(CancellationToken cancellationToken) =>
        (await store.IndexAsync(cancellationToken))?.OpenIds ?? [];

    /// <summary>A new conversation: stored, its timer set, made the texter's open one, listed, announced.</summary>
    public async Task<HandoffConversation> OpenAsync(HandoffConversation conversation, CancellationToken cancellationToken)
    {
        var stored = await UpdateAsync(conversation.Id, existing => existing ?? conversation, cancellationToken) ?? conversation;
        await work.ScheduleAsync(WorkKinds.Handoff, stored.Id, TimerDue(stored), cancellationToken: cancellationToken);
        await UpdateTexterAsync(stored.TexterKey, texter => (texter ?? new HandoffTexter()) with
        {
            OpenId = stored.Id, AwaitingMessageUntil = null, AnswersRead = [],
        }, cancellationToken);
        await store.UpdateIndexAsync(index => index?.OpenIds.Contains(stored.Id) == true
            ? index
            : new HandoffIndex { OpenIds = [.. index?.OpenIds ?? [], stored.Id] }, cancellationToken);
        await PublishAsync(InboxEventKind.Opened, stored.Id, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Closes an open conversation: a line for staff saying why, her number forgotten, the closing text to her when
    /// asked for, off the open list, kept Handoff:KeepFor for staff to read, then deleted. False when it was not open.
    /// A staff member's close that fails after the chat was written closed throws <see cref="CloseFinishesLaterException"/>.
    /// </summary>
    public async Task<bool> CloseAsync(string id, string why, bool closingText, string? staffName, CancellationToken cancellationToken)
    {
        HandoffConversation? closed;
        try
        {
            closed = await WriteClosedAsync(id, why, closingText, staffName, cancellationToken);
        }
        catch (Exception)
        {
            // Her caller hears that it failed; a write the store ran all the same (a frozen Redis, on resuming) is
            // finished once the store answers.
            FinishOnceStorageAnswers(id, staffName);
            throw;
        }
        if (closed is null) return false;
        try
        {
            await FinishCloseAsync(closed, cancellationToken);
            await SetTimerAsync(id, closed.ClosedAt!.Value + options.Value.KeepFor, cancellationToken);
            return true;
        }
        catch (Exception ex)
        {
            FinishOnceStorageAnswers(id, staffName);
            // The chat is closed: staff are told so, and that the rest follows, not that nothing was done.
            if (staffName is not null && ex is not OperationCanceledException) throw new CloseFinishesLaterException(ex);
            throw;
        }
    }

    private void FinishOnceStorageAnswers(string id, string? staffName) =>
        UnfinishedCloses.FinishOnceStorageAnswers(this, id, staffName, lateStaffCloses, logger);

    /// <summary>The close's first write: the chat marked closed, with what it owes her. Null when it was not open.</summary>
    private async Task<HandoffConversation?> WriteClosedAsync(string id, string why, bool closingText, string? staffName, CancellationToken cancellationToken)
    {
        HandoffConversation? before = null;
        var now = time.GetUtcNow();
        var closed = await UpdateAsync(id, conversation =>
        {
            before = conversation;
            if (conversation is not { IsOpen: true }) return conversation;
            HandoffClosingText? due = closingText && outbound.Enabled && conversation.TexterNumber is not null
                ? conversation.ClosingTextFor(staffName)
                : null;
            var sent = due switch
            {
                null => "",
                HandoffClosingText.Unanswered => " No one had replied: she was sent the no-reply text, with 911 and the hotline.",
                _ => " She was sent the closing text.",
            };
            return conversation.WithLine(now, why + sent, staffName) with
            {
                State = InboxConversationState.Closed, ClosedAt = now, WaitingSince = null,
                ClosingTextDue = due, TexterNumber = due is null ? null : conversation.TexterNumber,
            };
        }, cancellationToken);
        return before is { IsOpen: true } ? closed : null;
    }

    /// <summary>
    /// What a close does after its first write: the closing text queued and her number forgotten, her record and the
    /// open list told. The conversation's timer runs it again for a close that stopped part-way: on Redis, a first
    /// write that timed out as Redis froze is run when it resumes, and the chat was then closed with no text to her,
    /// still listed and still hers until its deletion a day later.
    /// </summary>
    private async Task FinishCloseAsync(HandoffConversation closed, CancellationToken cancellationToken)
    {
        var id = closed.Id;
        if (closed.ClosingTextDue is { } due)
        {
            if (outbound.Enabled && closed.TexterNumber is { } number)
            {
                var (text, label) = texts.Closing(closed.Language, due);
                // All or nothing, under the one id of this chat's closing text: a try that failed queued nothing, and the
                // timer tries again; a try whose next write was lost finds the text still queued and adds none.
                await outbound.SendAsOrNothingAsync(ClosingTextOutboxId(id), number, text, label, cancellationToken);
            }
            await UpdateAsync(id, conversation => conversation is { ClosingTextDue: not null }
                ? conversation with { ClosingTextDue = null, TexterNumber = null }
                : conversation, cancellationToken);
        }
        var keptUntil = closed.ClosedAt!.Value + options.Value.KeepFor;
        IReadOnlyList<KeptConversation> overflow = [];
        await UpdateTexterAsync(closed.TexterKey, texter =>
        {
            if (texter is null) return null;
            var kept = texter.Kept.Where(k => k.Id != id).Append(new KeptConversation(id, keptUntil)).OrderBy(k => k.Until).ToList();
            overflow = kept.Count > MaxKeptPerTexter ? kept[..^MaxKeptPerTexter] : [];
            return texter with { OpenId = texter.OpenId == id ? null : texter.OpenId, Kept = kept };
        }, cancellationToken);
        foreach (var old in overflow) await DeleteAsync(old.Id, cancellationToken);
        await RemoveFromIndexAsync(id, cancellationToken);
        await PublishAsync(InboxEventKind.Closed, id, cancellationToken);
        HandoffLog.Closed(logger, LogTag.Of(closed.TexterKey), id);
    }

    /// <summary>
    /// A close whose caller failed after its first write, finished (<see cref="UnfinishedCloses"/>): her closing text
    /// queued, the chat unlisted and not hers, its deletion timer set. Nothing for a chat still open or gone (null).
    /// </summary>
    public async Task<HandoffConversation?> FinishStoppedCloseAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { IsOpen: false } closed) return null;
        await FinishAndKeepAsync(closed, cancellationToken);
        return closed;
    }

    /// <summary>
    /// A closed conversation: its close finished if it stopped part-way, then kept until its deletion, or deleted. A
    /// staff member's close finished here is told to <see cref="ILateStaffCloseListener"/> (the audit log): this may be
    /// its timer after a restart, when nothing else is left to finish it (once: the entry's once id).
    /// </summary>
    private async Task FinishAndKeepAsync(HandoffConversation closed, CancellationToken cancellationToken)
    {
        if (await CloseUnfinishedAsync(closed, cancellationToken))
        {
            await FinishCloseAsync(closed, cancellationToken);
            if (closed.ClosedByStaff is { } closer)
            {
                foreach (var listener in lateStaffCloses) await listener.FinishedLateAsync(closed.Id, closer, cancellationToken);
            }
        }
        var deleteAt = closed.ClosedAt!.Value + options.Value.KeepFor;
        if (deleteAt > time.GetUtcNow()) await SetTimerAsync(closed.Id, deleteAt, cancellationToken);
        else await DeleteAsync(closed.Id, cancellationToken);
    }

    /// <summary>A closed conversation whose close stopped part-way: its text not yet queued, or still listed or hers.</summary>
    private async Task<bool> CloseUnfinishedAsync(HandoffConversation closed, CancellationToken cancellationToken) =>
        closed.ClosingTextDue is not null
        || (await OpenIdsAsync(cancellationToken)).Contains(closed.Id)
        || (await TexterAsync(closed.TexterKey, cancellationToken))?.OpenId == closed.Id;

    /// <summary>
    /// The outbox id of a conversation's closing text: one per chat, so it is queued once however often it is tried, and
    /// sent once even when tried again after it went out (<see cref="SentOnceTexts"/>).
    /// </summary>
    private static string ClosingTextOutboxId(string id) => SentOnceTexts.IdFor($"handoff-closing-{id}");

    /// <summary>Staff's Delete now, with a close that stopped part-way audited first (<see cref="AuditCloseLeftUnfinishedAsync"/>).</summary>
    public async Task<bool> DeleteByStaffAsync(string id, CancellationToken cancellationToken)
    {
        await AuditCloseLeftUnfinishedAsync(id, cancellationToken);
        return await DeleteAsync(id, cancellationToken);
    }

    /// <summary>
    /// Before a chat is deleted (Delete now, her FORGET): a staff member's close that stopped part-way and is not
    /// finished yet is told to <see cref="ILateStaffCloseListener"/> (the audit log). The line will not finish a deleted
    /// chat's close, so it would never be audited, though staff asked for it, the chat was written closed, and her
    /// closing text may have gone out.
    /// </summary>
    private async Task AuditCloseLeftUnfinishedAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { ClosedByStaff: { } closer } closed && await CloseUnfinishedAsync(closed, cancellationToken))
        {
            foreach (var listener in lateStaffCloses) await listener.DeletedBeforeFinishedAsync(id, closer, cancellationToken);
        }
    }

    /// <summary>Deletes a conversation and every trace of it at once: its record (bodies and number), its listing, its timer.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(id, cancellationToken);
        await store.DeleteConversationAsync(id, cancellationToken);
        if (conversation is not null)
        {
            await UpdateTexterAsync(conversation.TexterKey, texter => texter is null ? null : texter with
            {
                OpenId = texter.OpenId == id ? null : texter.OpenId,
                Kept = [.. texter.Kept.Where(k => k.Id != id)],
            }, cancellationToken);
        }
        await RemoveFromIndexAsync(id, cancellationToken);
        await work.CancelAsync(WorkKinds.Handoff, id, cancellationToken);
        if (conversation is not null) await PublishAsync(InboxEventKind.Deleted, id, cancellationToken);
        return conversation is not null;
    }

    /// <summary>Her asks <paramref name="sids"/> opened nothing (<see cref="HandoffTexter.FailedAsks"/>): a retry of one gets the fallback again.</summary>
    public Task RememberFailedAsksAsync(string texterKey, IReadOnlyCollection<string> sids, CancellationToken cancellationToken) =>
        UpdateTexterAsync(texterKey, texter => (texter ?? new HandoffTexter()) with
        {
            FailedAsks =
            [
                .. (texter?.FailedAsks ?? []).Where(f => !sids.Contains(f.Sid)),
                .. sids.Select(sid => new FailedAsk(sid, time.GetUtcNow() + options.Value.KeepFor)),
            ],
        }, cancellationToken);

    /// <summary>FORGET: every conversation of hers, open or kept, and her record, deleted.</summary>
    public async Task ForgetAsync(string texterKey, CancellationToken cancellationToken)
    {
        var texter = await store.TexterAsync(texterKey, cancellationToken);
        if (texter is null) return;
        foreach (var id in texter.Kept.Select(k => k.Id).Prepend(texter.OpenId).OfType<string>().Distinct())
        {
            await AuditCloseLeftUnfinishedAsync(id, cancellationToken);
            await DeleteAsync(id, cancellationToken);
        }
        await store.DeleteTexterAsync(texterKey, cancellationToken);
    }

    /// <summary>
    /// The conversation's timer fell due: an idle or unanswered one closes, a closed one past Handoff:KeepFor goes. An
    /// open one is looked at again in her turn (<see cref="TexterTurns"/>): a text she sent as it idled out either came
    /// first and keeps it open, or comes after the closing text and is answered by the menu: never into a conversation
    /// closed just after it (which staff would never see), and never dropped with no answer.
    /// </summary>
    public async Task TimerAsync(string id, CancellationToken cancellationToken)
    {
        // A close that stopped before her closing text was queued is finished in her turn too, as a close is.
        if (await LoadAsync(id, cancellationToken) is not { } open || !open.IsOpen && open.ClosingTextDue is null)
        {
            await TimerInTurnAsync(id, cancellationToken);
            return;
        }
        await using (await turns.TakeAsync(open.TexterKey, cancellationToken))
        {
            await TimerInTurnAsync(id, cancellationToken);
        }
    }

    /// <summary>Opens her turn for work on this conversation from outside her texts (staff); none for a conversation gone.</summary>
    public async Task<IAsyncDisposable?> TexterTurnAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } conversation ? await turns.TakeAsync(conversation.TexterKey, cancellationToken) : null;

    private async Task TimerInTurnAsync(string id, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (conversation is null)
        {
            await work.CompleteAsync(WorkKinds.Handoff, id, cancellationToken);
            await RemoveFromIndexAsync(id, cancellationToken);
            return;
        }
        if (conversation.IsOpen)
        {
            var due = TimerDue(conversation);
            if (due > now)
            {
                await SetTimerAsync(id, due, cancellationToken);
                return;
            }
            // Due before the line started on a copy put back: it closed (with its text) in what the copy lost, or she went on.
            if (await restored.WasDueBeforeAsync(due, cancellationToken))
            {
                await CloseAsync(id, "Closed at start: its time passed before the line was started on an older copy of its database; no text was sent to her.",
                    closingText: false, staffName: null, cancellationToken);
                return;
            }
            var why = conversation.Mode == HandoffMode.Live
                ? $"Closed after {Describe(options.Value.IdleClose)} without a text."
                : "Closed: the message waited for the next shift and was not answered.";
            await CloseAsync(id, why, closingText: true, staffName: null, cancellationToken);
            return;
        }
        await FinishAndKeepAsync(conversation, cancellationToken);
    }

    /// <summary>When an open conversation's timer is next due: a live one after the idle time, a message at the end of its wait.</summary>
    public DateTimeOffset TimerDue(HandoffConversation conversation) => conversation.Mode == HandoffMode.Message && conversation.WaitsUntil is { } until
        ? until
        : conversation.LastActivityAt + options.Value.IdleClose;

    /// <summary>Brings the timer forward to an open conversation's due time (never later: the worker moves it on when it fires early).</summary>
    public Task TimerAtLeastAsync(HandoffConversation conversation, CancellationToken cancellationToken) =>
        work.ScheduleAsync(WorkKinds.Handoff, conversation.Id, TimerDue(conversation), cancellationToken: cancellationToken);

    public async Task PublishAsync(InboxEventKind kind, string? id, CancellationToken cancellationToken)
    {
        try
        {
            await events.PublishAsync(new InboxEvent(kind, id), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The change is stored; a console page that missed the event sees it at its next load.
            HandoffLog.NotAnnounced(logger, kind, ex.GetType().Name);
        }
    }

    /// <summary>A conversation id as the line makes them (20 hex digits): anything else names none.</summary>
    public static bool IsId(string? id) => id is { Length: 20 } && id.All(char.IsAsciiHexDigitLower);

    private async Task SetTimerAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (!await work.RescheduleAsync(WorkKinds.Handoff, id, dueAt, cancellationToken))
        {
            await work.ScheduleAsync(WorkKinds.Handoff, id, dueAt, cancellationToken: cancellationToken);
        }
    }

    private Task RemoveFromIndexAsync(string id, CancellationToken cancellationToken) =>
        store.UpdateIndexAsync(index => index?.OpenIds.Contains(id) != true
            ? index
            : index.OpenIds.Count == 1 ? null : new HandoffIndex { OpenIds = [.. index.OpenIds.Where(open => open != id)] }, cancellationToken);

    private DateTimeOffset? ExpiresAt(HandoffConversation conversation) => conversation.IsOpen
        ? conversation.LastActivityAt + OpenBackstop
        : conversation.ClosedAt!.Value + options.Value.KeepFor;

    /// <summary>A texter's record without what has run out; null (deleted) when nothing is left.</summary>
    private HandoffTexter? Tidy(HandoffTexter? texter)
    {
        if (texter is null) return null;
        var now = time.GetUtcNow();
        var tidy = texter with
        {
            Kept = [.. texter.Kept.Where(k => k.Until > now)],
            AwaitingMessageUntil = texter.IsAwaiting(now) ? texter.AwaitingMessageUntil : null,
            FailedAsks = [.. texter.FailedAsks.Where(f => f.Until > now)],
        };
        if (tidy.AwaitingMessageUntil is null) tidy = tidy with { AnswersRead = [] };
        return tidy is { OpenId: null, AwaitingMessageUntil: null, Kept.Count: 0, FailedAsks.Count: 0 } ? null : tidy;
    }

    private DateTimeOffset? TexterExpiresAt(HandoffTexter texter)
    {
        var now = time.GetUtcNow();
        var until = texter.OpenId is null ? now : now + OpenBackstop;
        if (texter.AwaitingMessageUntil is { } awaiting && awaiting > until) until = awaiting;
        foreach (var kept in texter.Kept) if (kept.Until > until) until = kept.Until;
        foreach (var failed in texter.FailedAsks) if (failed.Until > until) until = failed.Until;
        return until;
    }

    /// <summary>"1 minute", "90 seconds", "30 minutes", "2.5 hours": Handoff:IdleClose as the closed conversation says it.</summary>
    internal static string Describe(TimeSpan span) =>
        span.TotalMinutes < 120 && span.Seconds != 0 ? Count(span.TotalSeconds, "second")
        : span.TotalMinutes < 120 ? Count(span.TotalMinutes, "minute")
        : $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours";

    private static string Count(double n, string unit) =>
        $"{n.ToString("0", CultureInfo.InvariantCulture)} {unit}{(Math.Round(n) == 1 ? "" : "s")}";
}
