using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Twilio reports once that the alert to her safety contact was not delivered. Found on a bad day: a report that came
/// while the store did not answer was lost, and she was never told that her contact was not reached.
/// </summary>
public sealed class CheckInOutcomeStoreDownTests
{
    private const string Texter = "+16305558111";
    private const string Contact = "+16305558112";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    public enum Failing
    {
        /// <summary>Her check-in's records: the callback is answered, and the check-in cannot hear it.</summary>
        Records,

        /// <summary>The queue the message's deletion goes in: the callback itself fails (503), before any feature hears it.</summary>
        DeletionQueue,
    }

    [Theory]
    [InlineData(Failing.Records, HttpStatusCode.NoContent)]
    [InlineData(Failing.DeletionQueue, HttpStatusCode.ServiceUnavailable)]
    public async Task An_undelivered_alert_reported_while_the_store_is_down_still_tells_her_once_the_store_answers(Failing failing, HttpStatusCode answered)
    {
        DownableRecords? records = null;
        DownableQueue? queue = null;
        var factory = new TextLineFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IPrivateRecords>(provider =>
                    records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>())));
                services.AddSingleton<IScheduledWork>(provider => queue = new DownableQueue(new SqliteScheduledWork(provider.GetRequiredService<SqliteWriter>())));
                services.AddSingleton<IWorkLog>(provider => new SqliteWorkLog(provider.GetRequiredService<SqliteWriter>(), WorkKinds.Delete));
            },
        };
        await using var line = await CheckInLine.StartAsync(factory);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8112 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Equal([English.BuddyAgreed, English.CheckInDue], line.SentTo(Texter));

        if (failing == Failing.Records) records!.Down = true;
        else queue!.Down = true;
        var report = await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        Assert.Equal(answered, report.StatusCode);
        records!.Down = true;
        await line.PassesAsync(); // the store still down: nothing can be done yet, and nothing is lost
        Assert.Equal([English.BuddyAgreed, English.CheckInDue], line.SentTo(Texter));

        records.Down = false;
        queue!.Down = false;
        await line.PassesAsync();
        await line.PassesAsync(); // her text is queued by the first pass, and goes out on the next
        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissedUnreached], line.SentTo(Texter));

        await line.PassesAsync();
        Assert.Equal(3, line.SentTo(Texter).Count); // told once
        Assert.Equal(English.CheckInLate, await texter.TextAsync("OK"));
    }

    /// <summary>The line's queue on its SQLite file, where a message's deletion cannot be queued while it is down.</summary>
    private sealed class DownableQueue(IScheduledWork inner) : ForwardingScheduledWork(inner)
    {
        public volatile bool Down;

        public override Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default) =>
            Down && kind == WorkKinds.Delete
                ? throw new IOException("disk I/O error (a test's)")
                : base.ScheduleAsync(kind, id, dueAt, payload, cancellationToken);
    }
}
