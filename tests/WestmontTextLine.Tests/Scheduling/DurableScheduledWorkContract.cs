using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// What the stored queues add to the contract: what a finished call wrote is there for the next process. The old
/// queue is left as a crash leaves it (never closed) while a new one opens the same store.
/// </summary>
public abstract class DurableScheduledWorkContract : ScheduledWorkContract
{
    /// <summary>A new queue over the same store, as a restarted line opens it.</summary>
    protected abstract IScheduledWork Restart();

    [Fact]
    public async Task Queued_items_with_their_times_attempts_and_payloads_survive_a_restart()
    {
        var pending = NewId();
        var retried = NewId();
        await Work.ScheduleAsync(Kind, pending, Now.AddMinutes(2), [0, 1, 0]);
        await Work.ScheduleAsync(Kind, retried, Now);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));
        await Work.RescheduleAsync(Kind, retried, Now.AddMinutes(10));

        var restarted = Restart();

        Assert.Equal(2, await restarted.CountAsync(Kind));
        var first = (await restarted.GetAsync(Kind, pending))!;
        Assert.Equal((Now.AddMinutes(2), 0, Now.AddMinutes(2), false), (first.DueAt, first.Attempts, first.FirstDueAt, first.Leased));
        Assert.Equal([0, 1, 0], first.Payload);
        var second = (await restarted.GetAsync(Kind, retried))!;
        Assert.Equal((Now.AddMinutes(10), 1, Now, false), (second.DueAt, second.Attempts, second.FirstDueAt, second.Leased));
    }

    [Fact]
    public async Task Work_claimed_but_never_completed_before_a_crash_is_claimed_again_once_its_lease_ends()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));

        var restarted = Restart();

        Assert.Empty(await restarted.ClaimDueAsync(Kind, Now.AddMinutes(1), 10, Lease));
        var again = Assert.Single(await restarted.ClaimDueAsync(Kind, Now + Lease, 10, Lease));
        Assert.Equal(id, again.Id);
        Assert.True(again.Leased);
    }
}
