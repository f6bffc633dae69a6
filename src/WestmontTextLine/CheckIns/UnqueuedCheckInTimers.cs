using WestmontTextLine.Logging;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A first CHECK whose timer was not queued (all or nothing, refused or failed): she got the fallback and no check-in
/// will fire, but her plan was written first and says a timer runs. Left so, her OK was told her check-in stopped, her
/// next CHECK was taken for a move of a running timer, and the plan (her number) was kept for it. Taken off her plan in
/// the background once the store answers; only while it is still that timer, so a CHECK of hers meanwhile stands.
/// </summary>
internal static class UnqueuedCheckInTimers
{
    private const int Attempts = 12;
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    public static void ClearOnceStorageAnswers(SafetyPlans plans, string texterKey, CheckInTimer timer, ILogger logger) =>
        _ = Task.Run(() => ClearAsync(plans, texterKey, timer, logger));

    private static async Task ClearAsync(SafetyPlans plans, string texterKey, CheckInTimer timer, ILogger logger)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await plans.UpdatePlanAsync(texterKey, plan => plan?.Timer == timer ? plan with { Timer = null } : plan, CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(pause);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (Exception ex)
            {
                // Its expiry (a day past the timer's due time) ends it; no check-in fires for it.
                logger.LogWarning("The check-in timer of texter {Texter} that was never queued stays on her plan: {Fault}: {FaultMessage}",
                    LogTag.Of(texterKey), ex.GetType().Name, FaultMessage.Of(ex));
                return;
            }
        }
    }
}
