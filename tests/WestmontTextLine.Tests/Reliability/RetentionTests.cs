using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

public class RetentionTests
{
    [Fact]
    public async Task Idle_sessions_are_deleted_on_schedule_and_opt_outs_are_kept()
    {
        await using var factory = new TextLineFactory();
        var active = factory.CreateTwilioClient("+16305550401");
        var idle = factory.CreateTwilioClient("+16305550402");
        var optedOut = factory.CreateTwilioClient("+16305550403");
        await idle.TextAsync("hi");
        await optedOut.TextAsync("hi");
        await optedOut.TextAsync("STOP");
        var store = factory.Services.GetRequiredService<ISessionStore>();
        var keys = factory.Services.GetRequiredService<SenderKeys>();
        var retention = factory.Services.GetRequiredService<RetentionService>();

        factory.Clock.Advance(TimeSpan.FromDays(30));
        await active.TextAsync("hi");
        var sweepsBefore = retention.Sweeps;
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await WaitUntil(() => retention.Sweeps > sweepsBefore);

        Assert.Null(await store.LoadAsync(keys.KeyOf(idle.From)));
        Assert.NotNull(await store.LoadAsync(keys.KeyOf(active.From)));
        var kept = await store.LoadAsync(keys.KeyOf(optedOut.From));
        Assert.NotNull(kept);
        Assert.True(kept.OptedOut);
        Assert.Null(kept.LastReply);
        Assert.Null(await optedOut.TextAsync("hi"));
    }

    // Waits for the background service's timer, which the fake clock fires; no sleeping on the clock itself.
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the retention sweep did not run");
    }
}
