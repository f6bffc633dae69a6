using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A copy of the line on SQLite stopped (a deploy's clean stop, or kill -9) after a pass had claimed work and before it
/// finished it: a burst of BUDDY requests, a check-in falling due. Tried from outside, the restarted line sent those
/// texts only when the stopped copy's 2-minute leases ended. One copy holds the file, so nothing else can be working on
/// them: the restart's first pass takes them, and each text still goes out once.
/// </summary>
public sealed class ClaimedBeforeRestartTests
{
    private const string Request = "Ana asked the Westmont Text Line to text you if they miss a safety check-in. Reply YES to agree or NO to decline. Reply STOP for no texts.";

    /// <param name="acceptedBeforeTheStop">Twilio took the send and the copy stopped before it recorded so: found at Twilio, not sent again.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_text_the_stopped_copy_had_claimed_goes_out_at_the_restarts_first_pass_once(bool acceptedBeforeTheStop)
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-claimed-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var (texter, contact) = (TestNumbers.Next(), TestNumbers.Next());
        try
        {
            await using (var stopped = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
            {
                await stopped.Phone(texter).TextAsync("hi");
                await stopped.Phone(texter).TextAsync($"BUDDY {contact} Ana");
                await ClaimAsync(stopped, WorkKinds.Send, OutboundTextWorker.Lease);
                if (acceptedBeforeTheStop) fake.AddMessage(ProviderTextLine.LineNumber, contact, Request, "queued", "outbound-api");
            }

            await using var restarted = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake);
            await restarted.PassesAsync();
            await restarted.PassesAsync();

            Assert.Equal([Request], restarted.SentTo(contact));
            Assert.Equal(0, await restarted.Factory.Services.GetRequiredService<IScheduledWork>().CountAsync(WorkKinds.Send));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task A_check_in_the_stopped_copy_had_claimed_texts_her_at_the_restarts_first_pass_once()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-claimed-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var texter = TestNumbers.Next();
        try
        {
            var claimedAt = DateTimeOffset.MinValue;
            await using (var stopped = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
            {
                await stopped.Phone(texter).TextAsync("CHECK 5");
                stopped.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
                claimedAt = stopped.Factory.Clock.GetUtcNow();
                await ClaimAsync(stopped, WorkKinds.CheckIn, CheckInWorker.Lease);
            }

            var restartedFactory = new TextLineFactory { DatabasePath = database, KeepDatabase = true };
            restartedFactory.Clock.SetUtcNow(claimedAt + TimeSpan.FromSeconds(5));
            await using var restarted = await CheckInLine.StartAsync(restartedFactory, fake: fake);
            await restarted.PassesAsync();
            await restarted.PassesAsync();

            Assert.Equal(["Checking in. Reply OK if you are all right."], restarted.SentTo(texter));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(database);
        }
    }

    /// <summary>What the stopped copy's pass did before it stopped: claimed the due work, under the worker's own lease.</summary>
    private static async Task ClaimAsync(CheckInLine line, string kind, TimeSpan lease)
    {
        var work = line.Factory.Services.GetRequiredService<IScheduledWork>();
        var claimed = await work.ClaimDueAsync(kind, line.Factory.Clock.GetUtcNow(), 100, lease);
        Assert.Single(claimed);
    }
}
