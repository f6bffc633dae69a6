using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// A rolling restart on Redis: one instance is stopped cleanly (SIGTERM) in the middle of an outbox pass, the provider
/// still holding its first send. The texts it had claimed and not sent are the other instance's at once, not when the
/// stopped one's 2-minute leases end (a trial from outside had 26 alerts to the on-call phone go out 2 minutes late),
/// and each still goes out once.
/// </summary>
public sealed class CleanStopLeasesTests
{
    private const string Texter = "+16305558231";

    [Fact]
    public async Task Texts_an_instance_had_claimed_when_it_stopped_cleanly_go_out_from_the_other_at_once_and_once()
    {
        await using var lines = await TwoInstancesOnOneRedis.StartAsync();
        var (stopped, other, fake) = (lines.First, lines.Other, lines.Fake);
        var outbox = stopped.Factory.Services.GetRequiredService<IOutboundTexts>();
        // Queued in the same millisecond of the fake clock: claimed in the order queued (their ids sort so), each read once.
        await outbox.SendAsync(Texter, "The first of two texts.", "test");
        await outbox.SendAsync(Texter, "The second of two texts.", "test");

        // It claims both, and is told to stop while the provider holds the first.
        fake.HangSendsTo = Texter;
        using (var stopping = new CancellationTokenSource())
        {
            var pass = stopped.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(stopping.Token);
            await Eventually.TrueAsync(() => fake.HungNow == 1, "the first send reached the provider");
            await stopping.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        }
        await stopped.DisposeAsync();
        fake.ReleaseHung();

        // The same moment on the other instance: the stopped one's leases have 2 minutes to run.
        await other.PassesAsync();
        Assert.Equal(["The first of two texts.", "The second of two texts."], other.SentTo(Texter).Order(StringComparer.Ordinal));

        other.Factory.Clock.Advance(OutboundTextWorker.Lease + TimeSpan.FromSeconds(5));
        await other.PassesAsync();
        Assert.Equal(["The first of two texts.", "The second of two texts."], other.SentTo(Texter).Order(StringComparer.Ordinal));
    }
}
