using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A full disk under the database is a full disk under its spools too: with deletion at Twilio on, a text answered
/// with the fallback keeps its SID in the deletion spool, and a STOP keeps her opt-out in its own, both beside the
/// database. Found by bench/run-faults.sh on an 8 MB tmpfs: every such text got a 500 instead of the fallback.
/// </summary>
public sealed class SpoolsOnAFullDiskTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [SkippableFact]
    public async Task Texts_and_a_STOP_that_find_the_disk_full_under_the_spools_too_get_the_fallback_not_an_error()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory { DatabasePath = Path.Combine(volume.Path, "textline.db"), BackgroundWorkers = false, FoldsSessionLog = false }.WithProvider(fake);
        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");
        volume.Fill();

        // New texters until the database finds no page for one: she gets the fallback, her SID refused by the spool too.
        await DatabasePageLimit.FillAsync(factory, "+1630557");
        // The writer empties the WAL after a full disk, which hands its blocks back: filled again, to its last page.
        volume.Fill();
        FallbackReply.AssertIsFallback(await factory.CreateTwilioClient("+16305579998").TextAsync("hi"));
        // Her opt-out kept in the room the WAL handed back (her confirmation), or refused by the disk too (the fallback,
        // as README says): which one depends on when the writer empties the WAL. Never an error.
        var stop = await factory.CreateTwilioClient("+16305579997").TextAsync("STOP");
        Assert.True(stop == English.StopConfirm || FallbackReply.IsFallback(stop), stop);
    }
}
