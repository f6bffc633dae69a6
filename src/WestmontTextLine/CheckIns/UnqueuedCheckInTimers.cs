using WestmontTextLine.Logging;
using WestmontTextLine.Storage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A first CHECK whose timer was not queued (all or nothing, refused or failed): she got the fallback and no check-in
/// will fire, but her plan was written first and says a timer runs. Left so, her OK was told her check-in stopped, her
/// next CHECK was taken for a move of a running timer, and the plan (her number) was kept for it. Taken off her plan in
/// the background once the store answers; only while it is still that timer, so a CHECK of hers meanwhile stands.
/// </summary>
internal static class UnqueuedCheckInTimers
{
    public static void ClearOnceStorageAnswers(SafetyPlans plans, string texterKey, CheckInTimer timer, ILogger logger) =>
        OnceStorageAnswers.Undo(
            () => plans.UpdatePlanAsync(texterKey, plan => plan?.Timer == timer ? plan with { Timer = null } : plan, CancellationToken.None),
            // Its expiry (a day past the timer's due time) ends it; no check-in fires for it.
            ex => logger.LogWarning("The check-in timer of texter {Texter} that was never queued stays on her plan: {Fault}: {FaultMessage}",
                LogTag.Of(texterKey), ex.GetType().Name, FaultMessage.Of(ex)));
}
