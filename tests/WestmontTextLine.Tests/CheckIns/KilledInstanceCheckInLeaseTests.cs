using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Two instances on one Redis. An instance claims a check-in timer that fell due and dies before its step (waiting on
/// her lock, as behind a text of hers): the other fires it within the claim's short lease, not 2 minutes late, and
/// her check-in text goes out once. A live instance whose claimed timer waited on her lock past the claim's lease, and
/// was taken over meanwhile, leaves it to the one that took it (a step is begun only under its lease renewed).
/// </summary>
public sealed class KilledInstanceCheckInLeaseTests
{
    private const string Texter = "+16305558241";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_check_in_a_killed_instance_had_claimed_fires_from_the_other_after_the_claims_short_lease_and_once()
    {
        await using var lines = await TwoInstancesOnOneRedis.StartAsync();
        var (killed, other) = (lines.First, lines.Other);
        var key = await CheckInDueOnBothAsync(killed, other);

        // It claims her timer and waits for her lock (held here), and dies: nothing of it reaches Redis again.
        var herLock = await killed.Factory.Services.GetRequiredService<SenderLocks>().AcquireAsync(key, CancellationToken.None);
        var work = other.Factory.Services.GetRequiredService<IScheduledWork>();
        using (var dying = new CancellationTokenSource())
        {
            var pass = await ClaimedWaitingOnHerLockAsync(killed, key, work, dying.Token);
            await RedisEngine.Of(killed.Factory.Services).CloseAsync(allowCommandsToComplete: false);
            await dying.CancelAsync();
            await Task.WhenAny(pass);
        }
        herLock.Dispose();
        await killed.DisposeAsync();

        // The same moment, and 15 s on: the claim's 20 s lease stands (in seconds written out, so a longer lease fails).
        await other.PassesAsync();
        await other.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(other.SentTo(Texter));

        await other.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([English.CheckInDue], other.SentTo(Texter));
        await other.AdvanceAsync(CheckInWorker.Lease);
        Assert.Equal([English.CheckInDue], other.SentTo(Texter));
    }

    [Fact]
    public async Task A_live_instance_leaves_a_timer_another_took_over_while_it_waited_on_her_lock()
    {
        await using var lines = await TwoInstancesOnOneRedis.StartAsync();
        var (waiting, other) = (lines.First, lines.Other);
        var key = await CheckInDueOnBothAsync(waiting, other);

        var herLock = await waiting.Factory.Services.GetRequiredService<SenderLocks>().AcquireAsync(key, CancellationToken.None);
        var work = other.Factory.Services.GetRequiredService<IScheduledWork>();
        var pass = await ClaimedWaitingOnHerLockAsync(waiting, key, work, CancellationToken.None);

        // Past the claim's lease the other fires it: her check-in text, and the timer set to the grace's end.
        await other.AdvanceAsync(TimeSpan.FromSeconds(25));
        Assert.Equal([English.CheckInDue], other.SentTo(Texter));
        var takenOver = await work.GetAsync(WorkKinds.CheckIn, key);

        herLock.Dispose();
        await pass;
        var after = await work.GetAsync(WorkKinds.CheckIn, key);
        Assert.Equal((takenOver!.DueAt, takenOver.Attempts, takenOver.Leased), (after!.DueAt, after.Attempts, after.Leased));
        await waiting.PassesAsync();
        Assert.Equal([English.CheckInDue], other.SentTo(Texter));
    }

    /// <summary>Her <c>CHECK 20</c>, texted to the first instance, due now on both instances' clocks: her keyed hash.</summary>
    private static async Task<string> CheckInDueOnBothAsync(CheckInLine first, CheckInLine other)
    {
        await first.Phone(Texter).TextAsync("hi");
        await first.Phone(Texter).TextAsync("CHECK 20");
        first.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        other.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        return first.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
    }

    /// <summary>The instance's check-in pass, begun while her lock is held: once it has claimed her timer, waiting for her lock.</summary>
    private static async Task<Task> ClaimedWaitingOnHerLockAsync(CheckInLine line, string key, IScheduledWork work, CancellationToken cancellationToken)
    {
        var pass = line.Factory.Services.GetRequiredService<CheckInWorker>().RunPassAsync(cancellationToken);
        await Eventually.TrueAsync(async () => (await work.GetAsync(WorkKinds.CheckIn, key))?.Leased == true, "the timer was claimed",
            TimeSpan.FromSeconds(60));
        return pass;
    }
}
