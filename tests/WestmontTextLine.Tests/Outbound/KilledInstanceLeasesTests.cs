using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Two instances on one Redis. The outbox's claim takes a short lease, and each text's call to the provider is begun
/// only under its lease renewed to outlast the call: the texts an instance killed mid-pass had claimed and not begun
/// are the other's within the short lease (a trial from outside had them wait out 2 minutes), the one it was sending
/// when the call's own lease ends, and a live instance's send that outlasts the claim's lease is still its own.
/// Each text goes out once.
/// </summary>
public sealed class KilledInstanceLeasesTests
{
    private const string Texter = "+16305558232";
    private const string First = "The first of two texts.";
    private const string Second = "The second of two texts.";

    [Fact]
    public async Task Texts_a_killed_instance_had_claimed_go_out_from_the_other_after_the_claims_short_lease_and_once()
    {
        await using var lines = await TwoInstancesOnOneRedis.StartAsync();
        var (killed, other, fake) = (lines.First, lines.Other, lines.Fake);
        var outbox = killed.Factory.Services.GetRequiredService<IOutboundTexts>();
        await outbox.SendAsync(Texter, First, "test");
        await outbox.SendAsync(Texter, Second, "test");

        // It claims both, the provider holds the first, and it dies: nothing of it reaches Redis again, no give-back.
        fake.HangSendsTo = Texter;
        using (var dying = new CancellationTokenSource())
        {
            var pass = killed.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(dying.Token);
            await Eventually.TrueAsync(() => fake.HungNow == 1, "the first send reached the provider", TimeSpan.FromSeconds(60));
            await RedisEngine.Of(killed.Factory.Services).CloseAsync(allowCommandsToComplete: false);
            await dying.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => pass);
        }
        await killed.DisposeAsync();
        fake.ReleaseHung();
        // Twilio had taken the first before the process died.
        fake.AddMessage(ProviderTextLine.LineNumber, Texter, First, "queued", "outbound-api");

        // The same moment on the other instance: the claim's lease stands.
        await other.PassesAsync();
        Assert.Equal([First], other.SentTo(Texter));

        // The second, never begun, once the claim's 20 s lease ends, not before: in seconds written out, so that a longer
        // lease fails here. Both instances' test clocks start at one moment and map to Redis's time alike (the offset
        // measured from Redis on one host is under a second, taken as none): 5 s either side of the lease leaves room for
        // nothing but a 10 s stall in measuring it.
        await other.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([First], other.SentTo(Texter));
        await other.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([First, Second], other.SentTo(Texter));

        // The first, once the lease renewed for its call ends: found at Twilio, not sent again.
        await other.AdvanceAsync(OutboundTextWorker.Lease);
        Assert.Equal([First, Second], other.SentTo(Texter));
        Assert.Equal(0, await other.Factory.Services.GetRequiredService<IScheduledWork>().CountAsync(WorkKinds.Send));
    }

    [Fact]
    public async Task A_live_instances_send_that_outlasts_the_claims_lease_is_not_taken_by_the_other()
    {
        await using var lines = await TwoInstancesOnOneRedis.StartAsync();
        var (sending, other, fake) = (lines.First, lines.Other, lines.Fake);
        await sending.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(Texter, First, "test");

        fake.HangSendsTo = Texter;
        var pass = sending.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => fake.HungNow == 1, "the send reached the provider");
        fake.HangSendsTo = null; // that one stays held; another's send of it would not be

        // Past the claim's lease, within the call's: the other instance leaves it.
        await other.AdvanceAsync(OutboundTextWorker.ClaimLease + TimeSpan.FromSeconds(5));
        fake.ReleaseHung();
        await pass;
        await other.AdvanceAsync(OutboundTextWorker.Lease);

        Assert.Equal([First], other.SentTo(Texter));
        Assert.Equal(0, await other.Factory.Services.GetRequiredService<IScheduledWork>().CountAsync(WorkKinds.Send));
    }
}
