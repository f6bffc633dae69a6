using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A sender's lock taken by her first text allocates nothing while no one else wants it; a second text of hers while
/// it is held still waits its turn, and the table keeps no sender whose texts are done.
/// </summary>
public class SenderLocksTests
{
    private const string Her = "her-key";

    [Fact]
    public async Task A_second_text_from_one_sender_waits_until_the_first_lets_go()
    {
        var locks = new SenderLocks();
        var first = await locks.AcquireAsync(Her, CancellationToken.None);

        var second = locks.AcquireAsync(Her, CancellationToken.None).AsTask();
        var someoneElse = locks.AcquireAsync("someone-else", CancellationToken.None);

        Assert.True(someoneElse.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, locks.Waiting(Her));
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        (await someoneElse).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task Many_texts_from_one_sender_at_once_run_one_at_a_time()
    {
        var locks = new SenderLocks();
        var inside = 0;
        var mostInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            using (await locks.AcquireAsync(Her, CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                await Task.Delay(1);
                Interlocked.Decrement(ref inside);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, mostInside);
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_text_that_gives_up_waiting_leaves_the_turn_to_the_next()
    {
        var locks = new SenderLocks();
        var first = await locks.AcquireAsync(Her, CancellationToken.None);
        using var givesUp = new CancellationTokenSource();
        var impatient = locks.AcquireAsync(Her, givesUp.Token).AsTask();
        var patient = locks.AcquireAsync(Her, CancellationToken.None).AsTask();

        await givesUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(patient.IsCompleted);
        first.Dispose();
        (await patient.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();

        Assert.Equal(0, locks.Count);
        (await locks.AcquireAsync(Her, CancellationToken.None)).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public void A_lock_no_one_else_wants_allocates_nothing()
    {
        var locks = new SenderLocks();
        string[] senders = [.. Enumerable.Range(0, 8).Select(i => $"sender-{i}")];
        foreach (var sender in senders) TakenAtOnce(locks, sender).Dispose();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 100; round++)
        {
            foreach (var sender in senders)
            {
                TakenAtOnce(locks, sender).Dispose();
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, locks.Count);
    }

    private static SenderLocks.SenderLock TakenAtOnce(SenderLocks locks, string sender)
    {
        var taking = locks.AcquireAsync(sender, CancellationToken.None);
        Assert.True(taking.IsCompletedSuccessfully);
        return taking.Result;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen) return;
            seen = before;
        }
    }
}
