using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Usage;

namespace WestmontTextLine.CheckIns;

/// <summary>Her check-in timer as her texts set it: CHECK starts or moves it, OK ends it (<see cref="CheckInWorker"/> fires it).</summary>
public sealed class CheckInTimers(
    SafetyPlans plans, IScheduledWork work, CheckInElapsed elapsed, CheckInTexts texts, UsageRecorder usage, TexterTurns turns,
    TimeProvider time, ILogger<CheckInTimers> logger)
{
    /// <param name="plan">Her plan as her text read it.</param>
    /// <param name="setAt">When the line got her text: the same on every run of it, so each run sets the same timer.</param>
    public async Task<CheckInReply> SetAsync(string from, string senderKey, string language, TimeSpan duration, SafetyPlan? plan, DateTimeOffset setAt,
        CancellationToken cancellationToken)
    {
        var timer = new CheckInTimer(ToTheMillisecond(setAt + duration));
        // Counted once her session is saved with the reply: a CHECK that got the fallback started nothing.
        var reply = CheckInReply.Of(texts.Set(setAt, timer.DueAt, language), "checkin_set")
            .CountedOnceSaved(() => usage.Record([CheckInMetrics.Started], time.GetUtcNow()));
        // Her text run again after a version conflict (her session saved meanwhile by another instance, or by the
        // carrier's opt-out): its first run set and queued this very timer. Set again, its wait would start anew from
        // this run, and her check-in come late by the time the other save took.
        if (await SetAndQueuedAsync(senderKey, plan, timer, cancellationToken)) return reply;

        // Her CHECK is her own use of her plan: her contact is kept 30 days from it, as from her BUDDY or her code word.
        var replacesATimer = false;
        var written = await plans.UpdatePlanAsync(senderKey,
            current =>
            {
                replacesATimer = current?.Timer is not null;
                return ContactLinks.UsedByHer((current ?? SafetyPlan.For(from, language)) with { Timer = timer, Language = language }, setAt);
            },
            cancellationToken);
        await ContactLinks.UsedByHerAsync(plans, written, setAt, cancellationToken);
        // A second CHECK moves the timer, later or sooner: the old one goes.
        await CancelAsync(senderKey, cancellationToken);
        // Her first timer all or nothing: a CHECK that fails here gets the fallback and she sends it again; queued as
        // Redis froze and run when it resumed, it fired a check-in she was told had failed (a missed one alerts her
        // contact). Moving a timer she had, late is better: the old one is already cancelled, and she counts on one.
        if (replacesATimer) await work.ScheduleAsync(WorkKinds.CheckIn, senderKey, timer.DueAt, cancellationToken: cancellationToken);
        else
        {
            try
            {
                await work.ScheduleOrNothingAsync(WorkKinds.CheckIn, senderKey, timer.DueAt, cancellationToken: cancellationToken);
            }
            catch (Exception)
            {
                // Nothing was queued: her plan must not say a timer runs.
                Withdraw(senderKey, timer);
                throw;
            }
        }
        elapsed.Started(senderKey, timer, duration);
        // Her first timer, queued, goes too if her session is never saved with the reply: she was told to text again.
        return replacesATimer ? reply : reply with { IfNeverSaved = () => Withdraw(senderKey, timer) };
    }

    private void Withdraw(string senderKey, CheckInTimer timer) =>
        WithdrawnCheckInTimers.WithdrawOnceStorageAnswers(plans, work, turns, senderKey, timer, logger);

    private async Task<bool> SetAndQueuedAsync(string senderKey, SafetyPlan? plan, CheckInTimer timer, CancellationToken cancellationToken) =>
        plan?.Timer == timer && await work.GetAsync(WorkKinds.CheckIn, senderKey, cancellationToken) is { } queued && queued.DueAt == timer.DueAt;

    /// <summary>The queue keeps times to the millisecond: the due time it gives back for a timer equals the timer's.</summary>
    private static DateTimeOffset ToTheMillisecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>
    /// Her OK (or YES to her check-in text) while her timer runs: the timer ends, and the OK counts, once her session is
    /// saved with the reply. Ended before, a run of her text again after a version conflict found no timer, and answered
    /// "OK" with the menu's "did not understand"; and an OK that got the fallback ("text again") ended her check-in.
    /// </summary>
    public CheckInReply End(string senderKey, string language) =>
        CheckInReply.Of(texts.In(language).CheckInStopped, "checkin_stopped") with
        {
            OnceSaved = async cancellationToken =>
            {
                await plans.UpdatePlanAsync(senderKey, plan => plan is null ? null : plan with { Timer = null, Language = language }, cancellationToken);
                await CancelAsync(senderKey, cancellationToken);
                usage.Record([CheckInMetrics.EndedByOk], time.GetUtcNow());
            },
        };

    public Task CancelAsync(string senderKey, CancellationToken cancellationToken) => work.CancelAsync(WorkKinds.CheckIn, senderKey, cancellationToken);
}
