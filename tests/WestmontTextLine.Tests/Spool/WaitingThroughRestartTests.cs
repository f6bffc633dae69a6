using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// What waits for the store to answer outlives the process: a text answered with the fallback while the SQLite file was
/// locked, the line stopped before the store answered, is still deleted at the provider by the line started again.
/// </summary>
public sealed class WaitingThroughRestartTests
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromMinutes(2);

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
