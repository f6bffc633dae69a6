using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A step of a check-in timer (the check-in text, or the alert at the grace's end) found more than <see cref="After"/>
/// past its time: the line was down that long (or its store did not answer), or its store was put back from a copy,
/// which brings back timers she ended since with OK. Such a step is not run: a check-in text hours or days after the
/// time she asked for is a text she no longer expects, and an alert then ("has not checked in since 6:30 AM") would
/// tell her contact of a check-in that may have ended long ago. A step late by the wall clock alone (stepped forward)
/// is not stale while this instance measured its wait on the elapsed-time clock (<see cref="CheckInElapsed"/>). A step
/// due before the line started on an older copy of its database (<see cref="RestoredCopy"/>) is stale however late.
/// </summary>
public sealed class StaleCheckIns(CheckInElapsed elapsed, RestoredCopy restored, TimeProvider time)
{
    /// <summary>How late a step may still run (<see cref="LateTimers"/>).</summary>
    public static readonly TimeSpan After = LateTimers.After;

    /// <param name="stepDueAt">When the step was due: the timer's time, or that plus the grace.</param>
    public async Task<bool> IsStaleAsync(string texterKey, CheckInTimer timer, DateTimeOffset stepDueAt, CancellationToken cancellationToken)
    {
        // Due before the line started on a copy put back: the line took this step, or she ended the timer, in what the copy lost.
        if (await restored.RestoredAtAsync(cancellationToken) is { } restoredAt && stepDueAt < restoredAt) return true;
        if (time.GetUtcNow() - stepDueAt <= After) return false;
        return elapsed.Overdue(texterKey, timer) is not { } measured || measured > After;
    }
}
