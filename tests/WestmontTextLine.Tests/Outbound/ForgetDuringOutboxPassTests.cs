using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// FORGET racing the outbox worker: the worker withdrew the texts to forgotten numbers at the start of its pass, then
/// sent what was due one by one. A send before hers that waited on the provider (seconds, on a slow day) left room for
/// her FORGET to come and be confirmed, and her queued text then went out after it. The pass now looks again before
/// each send. It sends <see cref="OutboundTextWorker.SendsAtOnce"/> at a time: that many sends before hers wait.
/// </summary>
public sealed class ForgetDuringOutboxPassTests
{
    [Fact]
    public async Task A_forget_sent_while_the_outbox_waits_on_another_send_withdraws_her_queued_text()
    {
        await using var line = await CheckInLine.StartAsync();
        var others = Enumerable.Range(0, OutboundTextWorker.SendsAtOnce).Select(_ => TestNumbers.Next()).ToList();
        var herNumber = TestNumbers.Next();
        var her = line.Phone(herNumber);
        await her.TextAsync("hi");
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        foreach (var other in others) await outbound.SendAsync(other, "A text to someone else.", "test");
        line.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await outbound.SendAsync(herNumber, "This conversation is closed.", "handoff_closed");
        line.Factory.Clock.Advance(TimeSpan.FromSeconds(1));

        // The sends before hers hang at the provider; meanwhile she texts FORGET and is told it is done.
        line.Fake.HangNext(others.Count);
        var pass = line.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => line.Fake.HungNow == others.Count, "the sends before hers waiting on the provider");
        Assert.StartsWith("Done. This line deleted what it kept about you", await her.TextAsync("FORGET"));
        line.Fake.ReleaseHung();
        await pass;
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.All(others, other => Assert.Single(line.SentTo(other)));
        Assert.Empty(line.SentTo(herNumber));
    }
}
