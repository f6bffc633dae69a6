using WestmontTextLine.Logging;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A first CHECK that got the fallback ("text again") after its timer was written to her plan: its timer was not
/// queued (all or nothing, refused or failed), or was queued and then her session was never saved with the reply.
/// Left so, a queued one ran and its missed check-in alerted her contact, and a plan that says a timer runs told her OK
/// that her check-in stopped, took her next CHECK for a move of a running timer, and kept her number for it. Withdrawn
/// in the background once the store answers, under her turn so no CHECK of hers lands between the two steps: taken off
/// her plan while it is still that timer, and its queued item cancelled unless her plan holds another timer.
/// </summary>
internal static class WithdrawnCheckInTimers
{
    public static void WithdrawOnceStorageAnswers(
        SafetyPlans plans, IScheduledWork work, TexterTurns turns, string texterKey, CheckInTimer timer, ILogger logger) =>
        OnceStorageAnswers.Run(
            async () =>
            {
                await using (await turns.TakeAsync(texterKey, CancellationToken.None))
                {
                    var another = false;
                    await plans.UpdatePlanAsync(texterKey, plan =>
                    {
                        another = plan?.Timer is { } current && current != timer;
                        return plan?.Timer == timer ? plan with { Timer = null } : plan;
                    }, CancellationToken.None);
                    if (!another) await work.CancelAsync(WorkKinds.CheckIn, texterKey, CancellationToken.None);
                }
            },
            // A timer never queued ends with her plan's expiry (a day past its due time); a queued one may still fire.
            ex => logger.LogWarning("The check-in timer of texter {Texter}, set by a CHECK that got the fallback, was not withdrawn: {Fault}: {FaultMessage}",
                LogTag.Of(texterKey), ex.GetType().Name, FaultMessage.Of(ex)));
}
