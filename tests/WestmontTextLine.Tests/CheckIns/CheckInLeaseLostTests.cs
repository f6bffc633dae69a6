using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Two instances of the line on one real redis-server. The instance that fires a check-in timer queues its text (or
/// its alert), and then its next step does not happen: the process was killed (kill -9) just then, or Redis refused
/// the write (at its maxmemory). The timer's lease ends and the other instance (or the same one) takes it over: it
/// must not send the check-in text, or alert her contact, a second time.
/// </summary>
public sealed class CheckInLeaseLostTests : IAsyncLifetime
{
    private const string Texter = "+16305558201";
    private const string Contact = "+16305558202";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private readonly FailPlanWriteOnce _fail = new();
    private TwoInstancesOnOneRedis _lines = null!;
    private CheckInLine One => _lines.First;
    private CheckInLine Two => _lines.Other;

    // Both instances' clocks move together, so the provider's (the second's) reads the line's time.
    public async Task InitializeAsync() => _lines = await TwoInstancesOnOneRedis.StartAsync(_fail.Install, _fail.Install);

    [Fact]
    public async Task A_check_in_text_queued_by_an_instance_that_died_before_noting_it_goes_out_once()
    {
        var texter = One.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 20");

        _fail.Arm();
        await AdvanceBothAsync(TimeSpan.FromMinutes(20));
        Assert.True(_fail.Failed, "the timer fired");
        Assert.Equal([English.CheckInDue], One.SentTo(Texter));

        // Its lease ends; the other instance takes the timer over.
        await AdvanceBothAsync(CheckInWorker.Lease + TimeSpan.FromSeconds(5));
        await AdvanceBothAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([English.CheckInDue], One.SentTo(Texter));
        // She answers it, and nothing more is sent to anyone.
        Assert.Equal(English.CheckInStopped, await Two.Phone(Texter).TextAsync("OK"));
        await AdvanceBothAsync(TimeSpan.FromMinutes(15));
        Assert.Equal([English.CheckInDue], One.SentTo(Texter));
    }

    [Fact]
    public async Task A_missed_check_in_alert_queued_by_an_instance_that_died_before_noting_it_reaches_her_contact_once()
    {
        var texter = One.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8202 Ana"));
        await PassesAsync();
        Assert.Equal(English.BuddyThanks, await Two.Phone(Contact).TextAsync("YES"));
        await PassesAsync();
        await texter.TextAsync("CHECK 20");
        await AdvanceBothAsync(TimeSpan.FromMinutes(20));
        Assert.Equal([English.CheckInDue], One.SentTo(Texter).Where(text => text == English.CheckInDue));

        _fail.Arm();
        await AdvanceBothAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
        Assert.True(_fail.Failed, "the missed check-in fired");
        await AdvanceBothAsync(CheckInWorker.Lease + TimeSpan.FromSeconds(5));
        await AdvanceBothAsync(TimeSpan.FromSeconds(5));

        Assert.Single(One.SentTo(Contact), text => text.Contains("has not checked in", StringComparison.Ordinal));
    }

    private async Task AdvanceBothAsync(TimeSpan by)
    {
        One.Factory.Clock.Advance(by);
        Two.Factory.Clock.Advance(by);
        await PassesAsync();
    }

    private async Task PassesAsync()
    {
        await One.PassesAsync();
        await Two.PassesAsync();
        await One.PassesAsync();
    }

    public async Task DisposeAsync() => await _lines.DisposeAsync();

    /// <summary>Once armed, the next write of a safety plan, on either instance, fails, as the next step would if the process died there.</summary>
    private sealed class FailPlanWriteOnce
    {
        private int _armed;
        public bool Failed { get; private set; }

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Install(IServiceCollection services) =>
            services.AddSingleton<IPrivateRecords>(provider =>
                new Failing(new RedisPrivateRecords(WestmontTextLine.Storage.RedisEngine.Of(provider)), this));

        private sealed class Failing(IPrivateRecords inner, FailPlanWriteOnce fail) : ForwardingPrivateRecords(inner)
        {
            public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
                CancellationToken cancellationToken = default)
            {
                if (kind == SafetyPlans.PlanKind && Interlocked.Exchange(ref fail._armed, 0) == 1)
                {
                    fail.Failed = true;
                    throw new InvalidOperationException("the process died here");
                }
                return base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
            }
        }
    }
}
