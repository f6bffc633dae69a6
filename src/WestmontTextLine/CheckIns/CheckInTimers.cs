using WestmontTextLine.Scheduling;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>Her check-in timer as her texts set it: CHECK starts or moves it, OK ends it (<see cref="CheckInWorker"/> fires it).</summary>
public sealed class CheckInTimers(
    SafetyPlans plans, IScheduledWork work, CheckInElapsed elapsed, CheckInTexts texts, UsageRecorder usage, TimeProvider time,
    ILogger<CheckInTimers> logger)
{
    public async Task<CheckInReply> SetAsync(string from, string senderKey, string language, TimeSpan duration, CancellationToken cancellationToken)
    {
        var setAt = time.GetUtcNow();
        var dueAt = setAt + duration;
        // Her CHECK is her own use of her plan: her contact is kept 30 days from it, as from her BUDDY or her code word.
        var replacesATimer = false;
        var plan = await plans.UpdatePlanAsync(senderKey,
            plan =>
            {
                replacesATimer = plan?.Timer is not null;
                return ContactLinks.UsedByHer((plan ?? SafetyPlan.For(from, language)) with { Timer = new CheckInTimer(dueAt), Language = language }, setAt);
            },
            cancellationToken);
        await ContactLinks.UsedByHerAsync(plans, plan, setAt, cancellationToken);
        // A second CHECK moves the timer, later or sooner: the old one goes.
        await CancelAsync(senderKey, cancellationToken);
        // Her first timer all or nothing: a CHECK that fails here gets the fallback and she sends it again; queued as
        // Redis froze and run when it resumed, it fired a check-in she was told had failed (a missed one alerts her
        // contact). Moving a timer she had, late is better: the old one is already cancelled, and she counts on one.
        if (replacesATimer) await work.ScheduleAsync(WorkKinds.CheckIn, senderKey, dueAt, cancellationToken: cancellationToken);
        else
        {
            try
            {
                await work.ScheduleOrNothingAsync(WorkKinds.CheckIn, senderKey, dueAt, cancellationToken: cancellationToken);
            }
            catch (Exception)
            {
                // Nothing was queued: her plan must not say a timer runs.
                UnqueuedCheckInTimers.ClearOnceStorageAnswers(plans, senderKey, new CheckInTimer(dueAt), logger);
                throw;
            }
        }
        // Counted only once queued: a CHECK that got the fallback started nothing.
        elapsed.Started(senderKey, new CheckInTimer(dueAt), duration);
        usage.Record([CheckInMetrics.Started], time.GetUtcNow());
        return CheckInReply.Of(texts.Set(setAt, dueAt, language), "checkin_set");
    }

    public async Task<CheckInReply> EndAsync(string senderKey, string language, CancellationToken cancellationToken)
    {
        await plans.UpdatePlanAsync(senderKey, plan => plan is null ? null : plan with { Timer = null, Language = language }, cancellationToken);
        await CancelAsync(senderKey, cancellationToken);
        usage.Record([CheckInMetrics.EndedByOk], time.GetUtcNow());
        return CheckInReply.Of(texts.In(language).CheckInStopped, "checkin_stopped");
    }

    public Task CancelAsync(string senderKey, CancellationToken cancellationToken) => work.CancelAsync(WorkKinds.CheckIn, senderKey, cancellationToken);
}
