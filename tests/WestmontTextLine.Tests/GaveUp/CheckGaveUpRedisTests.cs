using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Conversations;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A CHECK whose timer was being queued as Redis froze (SIGSTOP) for 3 seconds: she got the fallback ("text again"),
/// so no check-in may run that she was not told of (its missed check-in would alert her contact). The CHECK she sends
/// again sets the one timer.
/// </summary>
public sealed class CheckGaveUpRedisTests : IAsyncLifetime
{
    private const string Texter = "+16305558311";
    private static readonly TimeSpan PauseFor = TimeSpan.FromSeconds(3);

    private readonly RedisServer _redis = RedisServer.Start();
    private CheckInLine _line = null!;
    private Task _resumed = Task.CompletedTask;
    private volatile bool _pauseAtTimer;

    public async Task InitializeAsync() =>
        _line = await CheckInLine.StartAsync(new RedisTextLineFactory(_redis.ConnectionString)
        {
            StorageBudget = ConversationService.StorageBudget,
            TestServices = services => services.AddSingleton<IScheduledWork>(provider =>
                new PausingAtTimer(new RedisScheduledWork(provider.GetRequiredService<IConnectionMultiplexer>()), this)),
        });

    [Fact]
    public async Task A_CHECK_that_got_the_fallback_leaves_no_timer_once_redis_resumes_and_her_next_CHECK_sets_one()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");

        _pauseAtTimer = true;
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await _resumed;
        using (var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            // Whatever Redis kept for the frozen connection has run once it answers this.
            await connection.GetDatabase().PingAsync();
        }
        await _line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Empty(_line.SentTo(Texter));

        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 20")));
        await _line.AdvanceAsync(TimeSpan.FromMinutes(21));
        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], _line.SentTo(Texter));
    }

    /// <summary>
    /// Moving a timer she already had cancels the old one first: a move lost with its text would leave her with no
    /// check-in at all while she counts on the one her last answered CHECK set, so a move is queued late rather than never.
    /// </summary>
    [Fact]
    public async Task A_CHECK_moving_her_running_timer_that_got_the_fallback_still_leaves_her_a_check_in()
    {
        var phone = _line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.False(FallbackReply.IsFallback(await phone.TextAsync("CHECK 60")));

        _pauseAtTimer = true;
        FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
        await _resumed;
        using (var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            await connection.GetDatabase().PingAsync();
        }
        await _line.AdvanceAsync(TimeSpan.FromMinutes(61));

        Assert.Equal([EngineHarness.Flow.Language("en").Messages.CheckInDue], _line.SentTo(Texter));
    }

    public async Task DisposeAsync()
    {
        await _resumed;
        await _line.DisposeAsync();
        _redis.Dispose();
    }

    private void PauseIfArmed(string kind)
    {
        if (kind != WorkKinds.CheckIn || !_pauseAtTimer) return;
        _pauseAtTimer = false;
        _redis.Pause();
        _resumed = Task.Delay(PauseFor).ContinueWith(_ => _redis.Resume(), TaskScheduler.Default);
    }

    private sealed class PausingAtTimer(IScheduledWork inner, CheckGaveUpRedisTests test) : ForwardingScheduledWork(inner)
    {
        public override Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
        {
            test.PauseIfArmed(kind);
            return base.ScheduleAsync(kind, id, dueAt, payload, cancellationToken);
        }

        public override Task ScheduleOrNothingAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
        {
            test.PauseIfArmed(kind);
            return base.ScheduleOrNothingAsync(kind, id, dueAt, payload, cancellationToken);
        }
    }
}
