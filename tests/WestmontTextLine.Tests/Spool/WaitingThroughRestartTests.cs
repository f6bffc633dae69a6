using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// What waits for the store to answer outlives the process: a text answered with the fallback while the SQLite file was
/// locked, the line stopped before the store answered, is still deleted at the provider by the line started again; an
/// undelivered alert her check-in could not hear is still told to her.
/// </summary>
public sealed class WaitingThroughRestartTests
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromMinutes(2);
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task An_undelivered_alert_her_check_in_could_not_hear_is_told_to_her_by_the_line_started_again()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-spool-outcome-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var (texterNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next());
        try
        {
            DownableRecords records = null!;
            var first = new TextLineFactory
            {
                DatabasePath = database,
                KeepDatabase = true,
                TestServices = services => services.AddSingleton<IPrivateRecords>(provider =>
                    records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()))),
            };
            await using (var line = await CheckInLine.StartAsync(first, fake: fake))
            {
                var texter = line.Phone(texterNumber);
                await texter.TextAsync("hi");
                await texter.TextAsync($"BUDDY {contactNumber} Ana");
                await line.PassesAsync();
                await line.Phone(contactNumber).TextAsync("YES");
                await texter.TextAsync("CHECK 30");
                await line.AdvanceAsync(TimeSpan.FromMinutes(30));
                await line.AdvanceAsync(TimeSpan.FromMinutes(10));
                var alert = fake.Messages.Single(m => m.To == contactNumber && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));

                records.Down = true;
                var report = await ProviderTextLine.ReportAsync(line.Phone(contactNumber), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
                Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
                Assert.Equal([English.BuddyAgreed, English.CheckInDue], line.SentTo(texterNumber));
            }

            await using var again = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database }, fake: fake);
            await again.PassesAsync();
            await again.PassesAsync(); // her text is queued by the first pass, and goes out on the next
            Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissedUnreached], again.SentTo(texterNumber));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task A_text_answered_with_the_fallback_under_a_locked_file_is_deleted_at_the_provider_after_a_restart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-spool-restart-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var number = TestNumbers.Next();
        try
        {
            string sid;
            await using (var first = new TextLineFactory { DatabasePath = database, KeepDatabase = true, BackgroundWorkers = false }.WithProvider(fake))
            {
                var twilio = first.CreateTwilioClient(number);
                Assert.False(FallbackReply.IsFallback(await twilio.TextAsync("hi")));
                sid = twilio.NextSid();
                fake.AddMessage(number, ProviderTextLine.LineNumber, "someone took my phone", sid: sid);
                await using (await SqliteFileLocked.TakeAsync(database))
                {
                    FallbackReply.AssertIsFallback(await twilio.TextAsync("someone took my phone", sid));
                }
                Assert.Equal(1, first.Services.GetRequiredService<UnqueuedDeletions>().Count);
            }

            await using var second = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false }.WithProvider(fake);
            second.CreateClient();
            var worker = second.Services.GetRequiredService<ProviderDeletionWorker>();
            await worker.RunPassAsync(CancellationToken.None);
            Assert.Equal(0, second.Services.GetRequiredService<UnqueuedDeletions>().Count);
            Assert.False(File.Exists(database + ".deletions.spool"));
            second.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
            await Eventually.AfterPassesAsync(() => worker.RunPassAsync(CancellationToken.None), () => fake.DeletedSids.Contains(sid),
                "the text answered with the fallback deleted");
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
