using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Records;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// Opt-outs held in memory only (the store and the disk refused them) that a clean stop could not keep either are lost
/// with the process. The stop said nothing of them; it now says, once at Error, how many, what it means for those
/// texters and what to do, never whose.
/// </summary>
public sealed class HeldOptOutsLostAtStopLogTests
{
    [Fact]
    public async Task Opt_outs_still_held_in_memory_at_a_clean_stop_are_logged_once_at_error_with_how_many()
    {
        FaultySessionStore? store = null;
        var factory = new TextLineFactory
        {
            BackgroundWorkers = false,
            TestServices = services =>
            {
                // The spool in memory, filled below: it refuses her opt-out as the spool is full.
                services.AddSingleton(new SpoolFiles(null));
                services.AddSingleton<ISessionStore>(provider =>
                    store = new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>())));
            },
        };
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        string senderKey;
        await using (factory)
        {
            await phone.TextAsync("hi");
            senderKey = factory.SenderKeyOf(phone.From);
            var spool = factory.Services.GetRequiredService<OptOutSpool>();
            var now = factory.Clock.GetUtcNow();
            SpoolFilled.ToCapacity(spool, now);
            store!.Mode = FaultySessionStore.Fault.Throw;

            FallbackReply.AssertIsFallback(await phone.TextAsync("STOP"));
            Assert.Equal(1, spool.HeldInMemory);
            Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("Opt-outs lost", StringComparison.Ordinal));
        }

        var lost = Assert.Single(factory.Logs.Lines, line => line.Contains("Opt-outs lost as the line stopped", StringComparison.Ordinal));
        Assert.StartsWith("Error", lost);
        Assert.Contains("1 opt-out(s) held in memory only could not be kept on disk or written to the store", lost);
        Assert.Contains("until each sends STOP again", lost);
        Assert.DoesNotContain(senderKey[..8], lost);
        Assert.DoesNotContain(phone.From, factory.Logs.All);
    }

    /// <summary>
    /// The last try can opt her session out in the store and then fail the rest of her STOP (her check-in records do not
    /// answer): she stays held in memory, but the line started again honours her STOP, so she is not lost. The count
    /// said she was; it now counts only those in neither the spool file nor the store.
    /// </summary>
    [Fact]
    public async Task An_opt_out_whose_session_the_last_try_saved_is_not_counted_lost_though_the_rest_of_her_stop_failed()
    {
        FaultySessionStore? store = null;
        DownableRecords? records = null;
        var factory = new TextLineFactory
        {
            BackgroundWorkers = false,
            KeepDatabase = true,
            TestServices = services =>
            {
                // The spool in memory, filled below: it refuses her opt-out as the spool is full, now and at the stop.
                services.AddSingleton(new SpoolFiles(null));
                services.AddSingleton<ISessionStore>(provider =>
                    store = new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>())));
                services.AddSingleton<IPrivateRecords>(provider =>
                    records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>())));
            },
        };
        var her = TestNumbers.Next();
        await using (factory)
        {
            await factory.CreateTwilioClient(her).TextAsync("hi");
            var spool = factory.Services.GetRequiredService<OptOutSpool>();
            var now = factory.Clock.GetUtcNow();
            SpoolFilled.ToCapacity(spool, now);
            store!.Mode = FaultySessionStore.Fault.Throw;
            FallbackReply.AssertIsFallback(await factory.CreateTwilioClient(her).TextAsync("STOP"));
            // Another held after hers: the last try stops at hers, so this one is lost.
            Assert.Equal(OptOutKept.InMemoryOnly, spool.Keep(new SpooledOptOut("another", now, null, null, OptOutSource.Stop), out _));
            Assert.Equal(2, spool.HeldInMemory);

            // At the stop her session can be saved, but what else her STOP ends cannot be read.
            store.Mode = FaultySessionStore.Fault.None;
            records!.Down = true;
        }

        var lost = Assert.Single(factory.Logs.Lines, line => line.Contains("Opt-outs lost as the line stopped", StringComparison.Ordinal));
        Assert.Contains("1 opt-out(s) held in memory only", lost);

        await using var restarted = new TextLineFactory { DatabasePath = factory.DatabasePath, BackgroundWorkers = false };
        Assert.True((await restarted.Services.GetRequiredService<ISessionStore>().LoadAsync(restarted.SenderKeyOf(her)))!.OptedOut);
        Assert.Null(await restarted.CreateTwilioClient(her).TextAsync("hi"));
    }
}
