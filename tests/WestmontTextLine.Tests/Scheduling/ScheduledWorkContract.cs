using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// What every scheduled-work queue must do, run against each one by a subclass: SQLite on a temporary file, Redis
/// on a real redis-server, and the in-memory queue. The deletion queue, the outbox and the check-in timers rely on
/// exactly this. Time is the tests' own: the queue never reads a clock.
/// </summary>
public abstract class ScheduledWorkContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    protected const string Kind = WorkKinds.Delete;

    protected abstract IScheduledWork Work { get; }

    /// <summary>The same queue as another instance of the line would see it (over its own connection where there is one).</summary>
    protected abstract IScheduledWork OtherInstance { get; }

    protected static string NewId() => $"SM{Guid.NewGuid():N}";

    // rekey moves a queued text's payload to the new key: only over the payload it read, and nothing else changes.
    [Fact]
    public async Task A_payload_is_replaced_only_over_the_one_that_was_read_and_the_item_is_otherwise_left_as_it_was()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now.AddMinutes(5), [1, 2]);
        await Work.RescheduleAsync(Kind, id, Now.AddMinutes(7));

        Assert.False(await OtherInstance.TryReplacePayloadAsync(Kind, id, [9], [3]));
        Assert.True(await OtherInstance.TryReplacePayloadAsync(Kind, id, [1, 2], [3]));
        Assert.False(await Work.TryReplacePayloadAsync(Kind, NewId(), [1, 2], [3]));

        var item = await Work.GetAsync(Kind, id);
        Assert.NotNull(item);
        Assert.Equal([3], item.Payload);
        Assert.Equal((1, Now.AddMinutes(7), Now.AddMinutes(5), false), (item.Attempts, item.DueAt, item.FirstDueAt, item.Leased));
        var listed = new List<string>();
        await foreach (var listedId in OtherInstance.ListIdsAsync(Kind)) listed.Add(listedId);
        Assert.Equal([id], listed);
    }

    [Fact]
    public async Task Nothing_is_claimed_before_it_is_due_and_then_it_is_claimed_as_scheduled()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now.AddMinutes(2));

        Assert.Empty(await Work.ClaimDueAsync(Kind, Now.AddMinutes(2).AddMilliseconds(-1), 10, Lease));
        var claimed = Assert.Single(await Work.ClaimDueAsync(Kind, Now.AddMinutes(2), 10, Lease));

        Assert.Equal(id, claimed.Id);
        Assert.Equal(Now.AddMinutes(2), claimed.DueAt);
        Assert.Equal(0, claimed.Attempts);
        Assert.Equal(Now.AddMinutes(2), claimed.FirstDueAt);
        Assert.Null(claimed.Payload);
        Assert.False(claimed.Leased);
    }

    [Fact]
    public async Task A_completed_item_is_gone_for_good()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));

        Assert.True(await Work.CompleteAsync(Kind, id));

        Assert.Null(await Work.GetAsync(Kind, id));
        Assert.Equal(0, await Work.CountAsync(Kind));
        Assert.Empty(await Work.ClaimDueAsync(Kind, Now.AddDays(30), 10, Lease));
        Assert.False(await Work.CompleteAsync(Kind, id));
    }

    [Fact]
    public async Task A_cancelled_item_is_never_claimed()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now.AddMinutes(45));

        Assert.True(await Work.CancelAsync(Kind, id));

        Assert.Empty(await Work.ClaimDueAsync(Kind, Now.AddDays(1), 10, Lease));
        Assert.False(await Work.CancelAsync(Kind, id));
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_items_earliest_first()
    {
        string[] ids = ["SMc", "SMa", "SMe", "SMb", "SMd"];
        int[] minutesLate = [3, 1, 5, 2, 4];
        for (var i = 0; i < ids.Length; i++) await Work.ScheduleAsync(Kind, ids[i], Now.AddMinutes(-minutesLate[i]));

        var first = await Work.ClaimDueAsync(Kind, Now, 3, Lease);
        var rest = await Work.ClaimDueAsync(Kind, Now, 3, Lease);

        Assert.Equal(["SMe", "SMd", "SMc"], first.Select(item => item.Id));
        Assert.Equal(["SMb", "SMa"], rest.Select(item => item.Id));
    }

    [Fact]
    public async Task Scheduling_a_queued_item_again_keeps_the_earlier_due_time()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now.AddDays(1));

        await Work.ScheduleAsync(Kind, id, Now.AddMinutes(2));
        await Work.ScheduleAsync(Kind, id, Now.AddDays(2));

        var item = (await Work.GetAsync(Kind, id))!;
        Assert.Equal(Now.AddMinutes(2), item.DueAt);
        Assert.Equal(Now.AddMinutes(2), item.FirstDueAt);
        Assert.Equal(1, await Work.CountAsync(Kind));
        Assert.Equal(id, Assert.Single(await Work.ClaimDueAsync(Kind, Now.AddMinutes(2), 10, Lease)).Id);
    }

    [Fact]
    public async Task Scheduling_again_replaces_the_payload_only_when_one_is_given()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now, [1, 2, 3]);

        await Work.ScheduleAsync(Kind, id, Now);
        Assert.Equal([1, 2, 3], (await Work.GetAsync(Kind, id))!.Payload);

        await Work.ScheduleAsync(Kind, id, Now, [9]);
        Assert.Equal([9], (await Work.GetAsync(Kind, id))!.Payload);
    }

    [Fact]
    public async Task A_claimed_item_is_not_claimed_again_until_its_lease_ends_and_then_it_is()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));

        Assert.Empty(await Work.ClaimDueAsync(Kind, Now + Lease - TimeSpan.FromMilliseconds(1), 10, Lease));
        Assert.Empty(await OtherInstance.ClaimDueAsync(Kind, Now + Lease - TimeSpan.FromMilliseconds(1), 10, Lease));
        var again = Assert.Single(await OtherInstance.ClaimDueAsync(Kind, Now + Lease, 10, Lease));

        Assert.Equal(id, again.Id);
        Assert.Equal(Now + Lease, again.DueAt);
        Assert.True(again.Leased);
        Assert.Equal(Now, again.FirstDueAt);
        Assert.Equal(Now + Lease + Lease, (await Work.GetAsync(Kind, id))!.DueAt);
    }

    [Fact]
    public async Task Scheduling_a_claimed_item_earlier_does_not_break_its_lease()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));

        await Work.ScheduleAsync(Kind, id, Now, [7]);

        Assert.Empty(await OtherInstance.ClaimDueAsync(Kind, Now.AddSeconds(1), 10, Lease));
        var item = (await Work.GetAsync(Kind, id))!;
        Assert.Equal(Now + Lease, item.DueAt);
        Assert.True(item.Leased);
        Assert.Equal([7], item.Payload);
    }

    [Fact]
    public async Task A_reschedule_counts_an_attempt_gives_up_the_lease_and_sets_the_due_time_exactly()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now, [4, 2]);
        Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease));

        Assert.True(await Work.RescheduleAsync(Kind, id, Now.AddMinutes(1)));

        Assert.Empty(await Work.ClaimDueAsync(Kind, Now.AddSeconds(59), 10, Lease));
        var retried = Assert.Single(await Work.ClaimDueAsync(Kind, Now.AddMinutes(1), 10, Lease));
        Assert.Equal(1, retried.Attempts);
        Assert.False(retried.Leased);
        Assert.Equal(Now, retried.FirstDueAt);
        Assert.Equal([4, 2], retried.Payload);

        Assert.True(await Work.RescheduleAsync(Kind, id, Now.AddHours(1)));
        Assert.True(await Work.RescheduleAsync(Kind, id, Now.AddMinutes(30)));
        var item = (await Work.GetAsync(Kind, id))!;
        Assert.Equal(3, item.Attempts);
        Assert.Equal(Now.AddMinutes(30), item.DueAt);
    }

    [Fact]
    public async Task An_item_that_is_not_queued_cannot_be_rescheduled_or_found()
    {
        var id = NewId();

        Assert.False(await Work.RescheduleAsync(Kind, id, Now));

        Assert.Null(await Work.GetAsync(Kind, id));
        Assert.Equal(0, await Work.CountAsync(Kind));
    }

    [Fact]
    public async Task A_payload_round_trips_byte_for_byte()
    {
        byte[] everyByte = [.. Enumerable.Range(0, 256).Select(b => (byte)b), 0, 0, 255, 0];
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now, everyByte);

        Assert.Equal(everyByte, (await Work.GetAsync(Kind, id))!.Payload);
        Assert.Equal(everyByte, Assert.Single(await Work.ClaimDueAsync(Kind, Now, 10, Lease)).Payload);
    }

    [Fact]
    public async Task An_empty_payload_is_kept_as_empty_not_as_none()
    {
        var id = NewId();
        await Work.ScheduleAsync(Kind, id, Now, []);

        var payload = (await Work.GetAsync(Kind, id))!.Payload;
        Assert.NotNull(payload);
        Assert.Empty(payload);
    }

    [Fact]
    public async Task The_queue_keeps_its_own_copy_of_a_payload()
    {
        var id = NewId();
        var buffer = new byte[] { 1, 2, 3 };
        await Work.ScheduleAsync(Kind, id, Now, buffer);

        buffer[0] = 99;
        (await Work.GetAsync(Kind, id))!.Payload![1] = 99;

        Assert.Equal([1, 2, 3], (await Work.GetAsync(Kind, id))!.Payload);
    }

    [Fact]
    public async Task Times_keep_their_milliseconds()
    {
        var id = NewId();
        var due = Now.AddMilliseconds(123_456_789);
        await Work.ScheduleAsync(Kind, id, due);

        Assert.Empty(await Work.ClaimDueAsync(Kind, due.AddMilliseconds(-1), 10, Lease));
        Assert.Equal(due, Assert.Single(await Work.ClaimDueAsync(Kind, due, 10, Lease)).DueAt);
    }

    [Fact]
    public async Task Count_is_every_queued_item_of_the_kind_due_or_not()
    {
        for (var minutes = 0; minutes < 4; minutes++) await Work.ScheduleAsync(Kind, NewId(), Now.AddMinutes(minutes));
        await Work.ClaimDueAsync(Kind, Now, 1, Lease);

        Assert.Equal(4, await Work.CountAsync(Kind));
    }

    [Fact]
    public async Task Kinds_never_see_each_others_items()
    {
        var id = NewId();
        await Work.ScheduleAsync(WorkKinds.Delete, id, Now, [1]);
        await Work.ScheduleAsync(WorkKinds.Send, id, Now.AddMinutes(1), [2]);
        await Work.ScheduleAsync(WorkKinds.CheckIn, NewId(), Now);

        var deletions = await Work.ClaimDueAsync(WorkKinds.Delete, Now.AddDays(1), 10, Lease);
        Assert.True(await Work.CompleteAsync(WorkKinds.Delete, id));

        Assert.Equal([1], Assert.Single(deletions).Payload);
        var send = (await Work.GetAsync(WorkKinds.Send, id))!;
        Assert.Equal((Now.AddMinutes(1), false), (send.DueAt, send.Leased));
        Assert.Equal([2], send.Payload);
        Assert.Equal(1, await Work.CountAsync(WorkKinds.Send));
        Assert.Equal(1, await Work.CountAsync(WorkKinds.CheckIn));
        Assert.Equal(0, await Work.CountAsync(WorkKinds.Delete));
    }

    [Fact]
    public async Task Two_claimers_racing_over_200_due_items_claim_disjoint_sets_that_cover_them_all()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => NewId()).ToHashSet();
        await Task.WhenAll(ids.Select((id, i) => Work.ScheduleAsync(Kind, id, Now.AddMilliseconds(-i))));

        var claims = await Task.WhenAll(
            Task.Run(() => ClaimAllAsync(Work)),
            Task.Run(() => ClaimAllAsync(OtherInstance)));

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(ids.Order(), claims[0].Concat(claims[1]).Order());
    }

    // Bounded, so a queue whose claims hand out the same items again fails the test instead of hanging it.
    private static async Task<List<string>> ClaimAllAsync(IScheduledWork work)
    {
        var claimed = new List<string>();
        for (var claims = 0; claims <= 200; claims++)
        {
            var batch = await work.ClaimDueAsync(Kind, Now, 7, Lease);
            if (batch.Count == 0) return claimed;
            claimed.AddRange(batch.Select(item => item.Id));
        }
        throw new InvalidOperationException("200 claims did not empty a queue of 200 due items");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Delete")]
    [InlineData("de:lete")]
    [InlineData("de lete")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public async Task A_kind_must_be_a_short_plain_name(string kind)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Work.ScheduleAsync(kind, NewId(), Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Work.ClaimDueAsync(kind, Now, 1, Lease));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Work.CountAsync(kind));
    }
}
