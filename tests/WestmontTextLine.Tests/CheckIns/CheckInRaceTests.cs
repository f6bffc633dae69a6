using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// What can happen while a timer fires (found by reading the worker): a CHECK arriving meanwhile must keep its own
/// time, whatever the worker's last step on the queue (completing the timer, or moving it to the grace's end); and a
/// fault between the check-in text and that step must not cut her grace short. Her text sent in the middle of a step
/// waits for the step (it takes her sender's lock, as her texts do), and its reply says what the step did: an OK as
/// her contact is alerted is told her time passed, not that the check-in is off; a FORGET as the check-in text is
/// queued is followed by no text.
/// </summary>
public sealed class CheckInRaceTests
{
    private const string Texter = "+16305558011";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_check_sent_while_a_missed_check_in_escalates_still_fires_at_its_own_time()
    {
        var outbound = new OutboundWithHook();
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = outbound.Register });
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));

        Task<string?>? newCheck = null;
        outbound.Before("checkin_missed", () => line.TextMeanwhileAsync(Texter, newCheck = texter.TextAsync("CHECK 60")));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        Assert.Equal("OK. I will text you at 7:41 AM. Reply OK when you are safe.", await newCheck!);
        Assert.Equal(English.CheckInMissed, line.SentTo(Texter)[^1]);

        await line.AdvanceAsync(TimeSpan.FromMinutes(59));
        await line.PassesAsync();
        Assert.Equal(English.CheckInMissed, line.SentTo(Texter)[^1]);
        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
    }

    [Fact]
    public async Task A_check_sent_while_the_check_in_text_goes_out_is_not_moved_to_the_grace_end()
    {
        var outbound = new OutboundWithHook();
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = outbound.Register });
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        Task<string?>? newCheck = null;
        outbound.Before("checkin_due", () => line.TextMeanwhileAsync(Texter, newCheck = texter.TextAsync("CHECK 60")));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal("OK. I will text you at 7:30 AM. Reply OK when you are safe.", await newCheck!);
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));

        // The old timer's grace would have ended here: the new timer is not due for 50 more minutes.
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(49));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue, English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task An_ok_sent_as_her_contact_is_alerted_is_told_her_time_passed_not_that_the_check_in_is_off()
    {
        var outbound = new OutboundWithHook();
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = outbound.Register });
        var texter = line.Phone(Texter);
        var contactNumber = TestNumbers.Next();
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        await line.Phone(contactNumber).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();

        Task<string?>? ok = null;
        outbound.Before("alert_missed", () => line.TextMeanwhileAsync(Texter, ok = texter.TextAsync("OK")));
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        // Her contact was alerted: the reply must not tell her the check-in was called off in time.
        Assert.StartsWith("Westmont Text Line: Ana has not checked in", line.SentTo(contactNumber)[^1]);
        Assert.Equal(English.CheckInLateContact, await ok!);
    }

    [Fact]
    public async Task A_forget_sent_as_the_check_in_text_is_queued_is_followed_by_no_text()
    {
        var outbound = new OutboundWithHook();
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = outbound.Register });
        var texter = line.Phone(Texter);
        var outbox = line.Factory.Services.GetRequiredService<OutboundTextWorker>();
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        // FORGET comes as the worker queues the check-in text, and the outbox's pass runs meanwhile, as it does every second.
        Task<string?>? forget = null;
        outbound.Before("checkin_due", async () =>
        {
            await line.TextMeanwhileAsync(Texter, forget = texter.TextAsync("FORGET"));
            await outbox.RunPassAsync(CancellationToken.None);
        });
        line.Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await line.Factory.Services.GetRequiredService<CheckInWorker>().RunPassAsync(CancellationToken.None);
        Assert.StartsWith("Done. This line deleted what it kept about you", await forget!);
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Empty(line.SentTo(Texter));
    }

    [Fact]
    public async Task A_fault_after_the_check_in_text_went_out_does_not_cut_her_grace_short()
    {
        WorkFailingOnce? work = null;
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = WorkFailingOnce.Register(made => work = made) });
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        // The check-in text goes out, and moving the timer to the grace's end fails: the timer comes back after its lease.
        work!.FailNextReschedule = true;
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        await line.AdvanceAsync(CheckInWorker.Lease + TimeSpan.FromSeconds(5));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));

        // Her grace (10 minutes from the time that was due) still ends when it should.
        await line.AdvanceAsync(TimeSpan.FromMinutes(8));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
    }

    /// <summary>The line's queue on its SQLite file, whose next reschedule of a check-in fails once when asked to.</summary>
    private sealed class WorkFailingOnce : ForwardingScheduledWork
    {
        private WorkFailingOnce(IScheduledWork inner) : base(inner)
        {
        }

        public bool FailNextReschedule { get; set; }

        public static Action<IServiceCollection> Register(Action<WorkFailingOnce> made) => services =>
        {
            services.AddSingleton<IScheduledWork>(provider =>
            {
                var work = new WorkFailingOnce(new SqliteScheduledWork(provider.GetRequiredService<SqliteWriter>()));
                made(work);
                return work;
            });
            services.AddSingleton<IWorkLog>(provider => new SqliteWorkLog(provider.GetRequiredService<SqliteWriter>(), WorkKinds.Delete));
        };

        public override Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
        {
            if (kind == WorkKinds.CheckIn && FailNextReschedule)
            {
                FailNextReschedule = false;
                throw new IOException("disk I/O error (a test's)");
            }
            return base.RescheduleAsync(kind, id, dueAt, cancellationToken);
        }
    }

    /// <summary>The line's outbound texts, with something done once just before a text of a given label is queued.</summary>
    private sealed class OutboundWithHook : IOutboundTexts
    {
        private IOutboundTexts? _inner;
        private (string Label, Func<Task> Action)? _before;

        public bool Enabled => _inner!.Enabled;

        public void Register(IServiceCollection services)
        {
            services.AddSingleton<OutboundTexts>();
            services.AddSingleton<IOutboundTexts>(provider =>
            {
                _inner = provider.GetRequiredService<OutboundTexts>();
                return this;
            });
        }

        public void Before(string label, Func<Task> action) => _before = (label, action);

        public async Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default)
        {
            await RunHookAsync(label);
            return await _inner!.SendAsync(to, body, label, cancellationToken);
        }

        public async Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            await RunHookAsync(label);
            await _inner!.SendAsAsync(id, to, body, label, cancellationToken);
        }

        private async Task RunHookAsync(string label)
        {
            if (_before is not { } before || before.Label != label) return;
            _before = null;
            await before.Action();
        }
    }
}
