using WestmontTextLine.Storage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A step of a check-in timer (the check-in text, or the alert at the grace's end) that fell due before the line
/// started on an older copy of its database (<see cref="RestoredCopy"/>): in what the copy lost, the line took that
/// step, or she ended the timer with OK. Such a step is not run: an alert then would tell her contact of a check-in
/// that may have ended long ago. A step that is merely late (the line was down, or its store did not answer) still
/// runs, however late, and its alert names the time that was due: for a texter who could not reach the line to say OK,
/// a late alert is what the check-in is for.
/// </summary>
public sealed class StaleCheckIns(RestoredCopy restored)
{
    /// <param name="stepDueAt">When the step was due: the timer's time, or that plus the grace.</param>
    public async Task<bool> IsStaleAsync(DateTimeOffset stepDueAt, CancellationToken cancellationToken) =>
        await restored.RestoredAtAsync(cancellationToken) is { } restoredAt && stepDueAt < restoredAt;
}
