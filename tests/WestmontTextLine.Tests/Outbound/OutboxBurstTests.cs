using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// A burst in the outbox (an outreach event's check-ins falling due in the same minute). The outbox sent one text at a
/// time, fifty a pass: about 3 a second against a provider answering in 150-500 ms, so in a soak 600 check-in texts
/// went out up to minutes late, a missed check-in's alert to her safety contact waited behind BUDDY requests and closing
/// texts queued before it, and one send that hung held up every text behind it.
/// </summary>
public sealed class OutboxBurstTests
{
    [Fact]
    public async Task A_safety_contacts_alert_goes_out_before_a_backlog_of_ordinary_texts()
    {
        await using var line = await CheckInLine.StartAsync();
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        for (var i = 0; i < 150; i++) await outbound.SendAsync(TestNumbers.Next(), "This conversation is closed.", "handoff_closed");
        line.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var contact = TestNumbers.Next();
        await outbound.SendAsync(contact, "Someone you know has not checked in since 9:40 PM.", "alert_missed");

        // Read from the sends the provider holds, not from the order they arrived in: a first-wave send could reach the
        // fake after later ones on a loaded machine.
        var firstWave = await PassWithFirstWaveHeldAsync(line,
            () => line.Fake.Requests.Where(r => r.Method == "POST").Select(r => r.Form.GetValueOrDefault("To")).ToList());

        Assert.Equal(OutboundTextWorker.SendsAtOnce, firstWave.Count);
        Assert.Contains(contact, firstWave);
        // And the whole backlog went out in that one pass.
        Assert.Equal(151, line.Fake.Count("POST"));
    }

    [Fact]
    public async Task Two_hundred_check_in_texts_due_at_once_go_out_in_one_pass_several_at_a_time()
    {
        await using var line = await CheckInLine.StartAsync();
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        var numbers = Enumerable.Range(0, 200).Select(_ => TestNumbers.Next()).ToList();
        foreach (var number in numbers) await outbound.SendAsync(number, "Checking in. Reply OK if you are all right.", "checkin_due");
        // One at a time, only one send would ever be held; several at a time, SendsAtOnce are.
        var heldSoFar = await PassWithFirstWaveHeldAsync(line, () => line.Fake.HeldSoFar);

        // And no more than that: none of the held sends can end, so any other would have reached the fake too.
        Assert.Equal(OutboundTextWorker.SendsAtOnce, heldSoFar);
        // Two claims' worth (PerClaim is 100), every one sent once, by that one pass.
        Assert.All(numbers, number => Assert.Single(line.SentTo(number)));
        Assert.Equal(200, line.Fake.Count("POST"));
    }

    [Fact]
    public async Task A_send_that_hangs_holds_up_only_its_own_number()
    {
        await using var line = await CheckInLine.StartAsync();
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        var stuck = TestNumbers.Next();
        await outbound.SendAsync(stuck, "Checking in. Reply OK if you are all right.", "checkin_due");
        line.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await outbound.SendAsync(stuck, "You did not reply OK.", "checkin_missed");
        line.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var others = Enumerable.Range(0, 20).Select(_ => TestNumbers.Next()).ToList();
        foreach (var number in others) await outbound.SendAsync(number, "Checking in. Reply OK if you are all right.", "checkin_due");

        line.Fake.HangSendsTo = stuck;
        var pass = line.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => others.All(number => line.SentTo(number).Count == 1), "the other numbers' texts sent while hers hangs");
            Assert.False(pass.IsCompleted);
            // Her second text waits for her first: a number's texts arrive in the order they were queued.
            Assert.Empty(line.SentTo(stuck));
        }
        finally
        {
            line.Fake.ReleaseHung();
        }
        await pass;
        Assert.Equal(["Checking in. Reply OK if you are all right.", "You did not reply OK."], line.SentTo(stuck));
    }

    /// <summary>
    /// Runs an outbox pass with the provider holding every send; once SendsAtOnce are held at once, reads the first wave
    /// (none of it can end, so no later send can have reached the fake), lets the sends go and waits for the pass.
    /// </summary>
    private static async Task<T> PassWithFirstWaveHeldAsync<T>(CheckInLine line, Func<T> readFirstWave)
    {
        line.Fake.HangNext();
        var pass = line.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
        T firstWave;
        try
        {
            await Eventually.TrueAsync(() => line.Fake.HungNow == OutboundTextWorker.SendsAtOnce,
                $"{OutboundTextWorker.SendsAtOnce} sends held by the provider at once");
            firstWave = readFirstWave();
        }
        finally
        {
            line.Fake.ReleaseHung();
        }
        await pass.WaitAsync(TimeSpan.FromSeconds(60));
        return firstWave;
    }
}
