using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Spool;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Runs the check-in timers: every 5 seconds it claims the timers that fell due (with a lease, so each fires once
/// across instances, and a timer that fell due while the line was down fires at start).
/// <list type="number">
/// <item>At the due time: the check-in text to her ("Checking in. Reply OK..."), then it waits CheckIn:Grace.</item>
/// <item>No OK by the end of the grace: her contact is alerted (if they agreed), else she gets 911 and the hotline;
/// the on-call phone too, when set. The texts say the time that was due, in the line's time zone.</item>
/// </list>
/// </summary>
public sealed class CheckInWorker(
    IScheduledWork work,
    SafetyPlans plans,
    CheckInAlerts alerts,
    CheckInTexts texts,
    IOutboundTexts outbound,
    CheckInStepTexts stepTexts,
    UsageRecorder usage,
    CheckInElapsed elapsed,
    RestoredCopy restored,
    TexterTurns turns,
    OptOutSpoolWriter spooledOptOuts,
    OptedOutNumbers optedOut,
    CheckInService checkIns,
    IEnumerable<ICheckInMissedListener> missedListeners,
    IOptions<CheckInOptions> options,
    TimeProvider time,
    ILogger<CheckInWorker> logger) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(5);

    /// <summary>The longest one instance holds a timer: its lease renewed for a step, once her lock is taken.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The lease a claim takes, as the outbox's (<see cref="OutboundTextWorker.ClaimLease"/>): on Redis the timers an
    /// instance killed mid-pass had claimed fire from another within it, not 2 minutes late. A step is begun only under
    /// its lease renewed (<see cref="FireAsync"/>), so a timer that waited behind others or on her lock past the claim's
    /// lease, and was taken by another instance meanwhile, is left to that one.
    /// </summary>
    public static readonly TimeSpan ClaimLease = OutboundTextWorker.ClaimLease;
    private const int PerPass = 100;

    /// <summary>How many timers fire at once: each is a few writes to the store under her lock, and no call to Twilio.</summary>
    public const int FiresAtOnce = 8;

    protected override bool Runs => outbound.Enabled;

    private readonly PassFaults _faults = new(logger, "Check-in pass",
        "the timers are kept: check-in texts and alerts that fall due wait until a pass works");

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            elapsed.ForgetRun();
            // Claimed again while a claim comes back full, and fired several at a time (each under her own lock): an
            // outreach event's check-ins all fall due in the same minute.
            IReadOnlyList<ScheduledItem> due;
            do
            {
                due = await work.ClaimDueAsync(WorkKinds.CheckIn, Time.GetUtcNow(), PerPass, ClaimLease, cancellationToken);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = FiresAtOnce, CancellationToken = cancellationToken },
                    async (item, token) => await FireAsync(item.Id, item.Leased, token));
            }
            while (due.Count == PerPass && !cancellationToken.IsCancellationRequested);
            if (!cancellationToken.IsCancellationRequested) _faults.Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The claimed timers fall due again when their lease ends.
            _faults.Failed(ex);
        }
    }

    /// <param name="runBefore">
    /// The timer was claimed before and its lease ran out (its instance died, or a step's write failed): the texts of the
    /// step may be queued or sent already, and are not sent twice (<see cref="CheckInStepTexts"/>).
    /// </param>
    private async Task FireAsync(string texterKey, bool runBefore, CancellationToken cancellationToken)
    {
        await using (await turns.TakeAsync(texterKey, cancellationToken))
        {
            if (!await work.RenewLeaseAsync(WorkKinds.CheckIn, texterKey, Time.GetUtcNow() + Lease, cancellationToken)) return;
            await FireHoldingLockAsync(texterKey, runBefore, cancellationToken);
        }
    }

    private async Task FireHoldingLockAsync(string texterKey, bool runBefore, CancellationToken cancellationToken)
    {
        // Her STOP the store refused, kept on disk, is written first: it ends her timer, so nothing is sent for it.
        await spooledOptOuts.WriteHeldAsync(texterKey, cancellationToken);
        var plan = await plans.PlanAsync(texterKey, cancellationToken);
        if (plan?.Timer is not { } timer)
        {
            await work.CompleteAsync(WorkKinds.CheckIn, texterKey, cancellationToken); // ended by OK, STOP or FORGET meanwhile
            return;
        }
        if (await optedOut.HasOptedOutAsync(texterKey, cancellationToken))
        {
            await EndAfterPartStopAsync(texterKey, cancellationToken);
            return;
        }
        var now = Time.GetUtcNow();

        // Due by the wall clock, but not by the elapsed-time clock: the machine's clock was stepped forward meanwhile.
        if (elapsed.Remaining(texterKey, timer) is var left && left > TimeSpan.Zero)
        {
            await work.RescheduleAsync(WorkKinds.CheckIn, texterKey, now + left, cancellationToken);
            await KeepNewerTimerAsync(texterKey, timer, cancellationToken);
            return;
        }

        var stepDueAt = timer.CheckInSent ? timer.DueAt + options.Value.Grace : timer.DueAt;
        if (await restored.WasDueBeforeAsync(stepDueAt, cancellationToken))
        {
            await EndFromOlderCopyAsync(texterKey, timer, now - stepDueAt, cancellationToken);
            return;
        }

        if (!timer.CheckInSent)
        {
            await stepTexts.SendAsync(new CheckInStep(texterKey, timer.DueAt, runBefore), plan.TexterNumber, texts.In(plan.Language).CheckInDue,
                "checkin_due", cancellationToken);
            elapsed.Started(texterKey, timer with { CheckInSent = true }, options.Value.Grace);
            await plans.UpdatePlanAsync(texterKey, current => current?.Timer == timer ? current with { Timer = timer with { CheckInSent = true } } : current,
                cancellationToken);
            await work.RescheduleAsync(WorkKinds.CheckIn, texterKey, now + options.Value.Grace, cancellationToken);
            await KeepNewerTimerAsync(texterKey, timer, cancellationToken);
            return;
        }

        // The check-in text went out, but the step that moves the timer to the grace's end did not (a storage fault):
        // the timer came back when its lease ended, minutes early. The grace is hers, counted from the time that was due.
        var graceEnds = timer.DueAt + options.Value.Grace;
        if (now < graceEnds)
        {
            await work.RescheduleAsync(WorkKinds.CheckIn, texterKey, graceEnds, cancellationToken);
            return;
        }

        // Noted before the alert is queued: should the alert be refused at once, that outcome finds the note to correct.
        await plans.MarkMissedAsync(texterKey, contactAlerted: plan.Contact is { Agreed: true }, plan.Id, cancellationToken);
        var missed = new CheckInStep(texterKey, graceEnds, runBefore);
        await alerts.AlertAsync(texterKey, plan, codeWord: false, timer.DueAt, cancellationToken, missed);
        if (plan.Contact is not { Agreed: true })
        {
            await stepTexts.SendAsync(missed, plan.TexterNumber, texts.In(plan.Language).CheckInMissed, "checkin_missed", cancellationToken);
        }
        await plans.UpdatePlanAsync(texterKey, current => current?.Timer == timer ? current with { Timer = null } : current, cancellationToken);
        await work.CompleteAsync(WorkKinds.CheckIn, texterKey, cancellationToken);
        await KeepNewerTimerAsync(texterKey, timer, cancellationToken);
        usage.Record([CheckInMetrics.Escalated], now);
        logger.LogInformation("Check-in of texter {Texter} escalated", WestmontTextLine.Logging.LogTag.Of(texterKey));
        await TellListenersAsync(texterKey, timer.DueAt, plan.Contact is { Agreed: true }, cancellationToken);
    }

    /// <summary>
    /// A step due before the line started on an older copy of its store (<see cref="RestoredCopy"/>) ends the timer with
    /// no text to her, her contact or the on-call phone: in what the copy lost, she may have ended it with OK. It is noted as lapsed with no one texted, so her OK within a day is told the time had passed
    /// (never that her contact was texted).
    /// </summary>
    private async Task EndFromOlderCopyAsync(string texterKey, CheckInTimer timer, TimeSpan late, CancellationToken cancellationToken)
    {
        await plans.MarkMissedAsync(texterKey, contactAlerted: false, planId: null, cancellationToken);
        await plans.UpdatePlanAsync(texterKey, current => current?.Timer == timer ? current with { Timer = null } : current, cancellationToken);
        await work.CompleteAsync(WorkKinds.CheckIn, texterKey, cancellationToken);
        await KeepNewerTimerAsync(texterKey, timer, cancellationToken);
        logger.LogWarning(
            "Check-in of texter {Texter} ended without its texts: its {Step} was due {Late} ago, before this start on an older copy of the store; no one was alerted",
            WestmontTextLine.Logging.LogTag.Of(texterKey), timer.CheckInSent ? "alert" : "check-in text", WestmontTextLine.Logging.ReadableDuration.Of(late));
    }

    /// <summary>
    /// Her STOP saved her session but not the rest of what it ends (an opt-out held in memory on a full disk, whose last
    /// try at a clean stop saved her session and then failed): her timer ends as STOP ends it, with no text to her, her
    /// contact or the on-call phone.
    /// </summary>
    private async Task EndAfterPartStopAsync(string texterKey, CancellationToken cancellationToken)
    {
        await checkIns.TexterStoppedAsync(texterKey, cancellationToken);
        await work.CompleteAsync(WorkKinds.CheckIn, texterKey, cancellationToken);
        logger.LogWarning("Check-in of texter {Texter} ended without its texts: she had opted out, and her STOP had not ended it",
            WestmontTextLine.Logging.LogTag.Of(texterKey));
    }

    /// <summary>
    /// After the timer is completed, and never failing the pass: a fault here must not bring the timer back, or her
    /// contact would be alerted twice.
    /// </summary>
    private async Task TellListenersAsync(string texterKey, DateTimeOffset dueAt, bool contactAlerted, CancellationToken cancellationToken)
    {
        foreach (var listener in missedListeners)
        {
            try
            {
                await listener.CheckInMissedAsync(texterKey, dueAt, contactAlerted, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("A missed check-in was not noted by {Listener}: {Fault}", listener.GetType().Name, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// A CHECK she sent while this timer fired set a new timer and queued it, and this worker's last step (completing
    /// the item, or moving it to the grace's end) may just have removed or moved that new item: she would never be
    /// checked on, or checked on early. Read after that step, a newer timer in her plan is queued again, as a CHECK
    /// queues it (a CHECK landing after this read queues its own, after this worker's step).
    /// </summary>
    private async Task KeepNewerTimerAsync(string texterKey, CheckInTimer fired, CancellationToken cancellationToken)
    {
        var plan = await plans.PlanAsync(texterKey, cancellationToken);
        if (plan?.Timer is not { } current || current.DueAt == fired.DueAt) return;
        await work.CancelAsync(WorkKinds.CheckIn, texterKey, cancellationToken);
        await work.ScheduleAsync(WorkKinds.CheckIn, texterKey, current.DueAt, cancellationToken: cancellationToken);
    }
}
