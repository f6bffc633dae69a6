using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

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
        await SweptAtStartAsync(retention);

        // A minute past the retention, so a sweep the 30-day jump wakes is already late enough, whenever it runs.
        factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await active.TextAsync("hi");
        var sweepsBefore = retention.Sweeps;
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await Eventually.TrueAsync(() => retention.Sweeps > sweepsBefore, "the retention sweep");

        Assert.Null(await store.LoadAsync(keys.KeyOf(idle.From)));
        Assert.NotNull(await store.LoadAsync(keys.KeyOf(active.From)));
        var kept = await store.LoadAsync(keys.KeyOf(optedOut.From));
        Assert.NotNull(kept);
        Assert.True(kept.OptedOut);
        Assert.Null(kept.LastReply);
        Assert.Equal((Session.StrippedNode, DateTimeOffset.UnixEpoch), (kept.Node, kept.LastActivity));
        Assert.Null(await optedOut.TextAsync("hi"));
        // A year on, she opts back in: the main menu, as after any long silence.
        factory.Clock.Advance(TimeSpan.FromDays(365));
        Assert.Contains("Main menu", await optedOut.TextAsync("START"));
    }

    [Fact]
    public async Task A_short_retention_is_honoured_on_a_running_server()
    {
        await using var factory = new TextLineFactory();
        factory.Settings["TextLine:Retention"] = "00:10:00";
        var texter = factory.CreateTwilioClient("+16305550404");
        await texter.TextAsync("hi");
        var store = factory.Services.GetRequiredService<ISessionStore>();
        var key = factory.Services.GetRequiredService<SenderKeys>().KeyOf(texter.From);
        var retention = factory.Services.GetRequiredService<RetentionService>();
        Assert.Equal(TimeSpan.FromMinutes(1), retention.SweepInterval);
        await SweptAtStartAsync(retention);

        var sweepsBefore = retention.Sweeps;
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(() => retention.Sweeps > sweepsBefore, "the retention sweep");

        Assert.Null(await store.LoadAsync(key));
    }

    // The sweep at start runs once the worker is built, after the first answer. Still running when the test counted the
    // sweeps and moved the clock, it finished after the move with the time from before it (deleting nothing), and its
    // count was taken for the sweep the move woke: the session was still there (a CI run under load).
    private static Task SweptAtStartAsync(RetentionService retention) =>
        Eventually.TrueAsync(() => retention.Sweeps > 0, "the retention sweep at start");

    [Theory]
    [InlineData("30.00:00:00", "01:00:00")]
    [InlineData("02:00:00", "00:12:00")]
    [InlineData("00:00:30", "00:00:10")]
    public void The_sweep_runs_every_tenth_of_the_retention_between_10_seconds_and_an_hour(string retention, string interval)
    {
        Assert.Equal(TimeSpan.Parse(interval), RetentionService.IntervalFor(TimeSpan.Parse(retention)));
    }
}
