using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// Texts answered with the fallback on a full disk, whose deletion at Twilio neither the store nor the deletion spool
/// took: their SIDs waited in memory without a word in the log, and a restart then left her number and her words at
/// Twilio with nobody told.
/// </summary>
public sealed class DeletionsHeldInMemoryLogTests
{
    [SkippableFact]
    public async Task SIDs_the_full_disk_refused_are_said_once_to_wait_in_memory_only_and_again_when_they_are_queued()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        volume.Fill();
        var logs = new CapturedLogs();
        var deletions = new UnqueuedDeletions(Options.Create(new TwilioApiOptions { AccountSid = "AC" + new string('0', 32), AuthToken = "token" }),
            new SpoolFiles(Path.Combine(volume.Path, "textline.db")), new LoggerFactory([logs]).CreateLogger<UnqueuedDeletions>());
        var sids = Enumerable.Range(1, 3).Select(i => $"SM{i:x32}").ToList();

        foreach (var sid in sids) Assert.True(deletions.Add(sid));

        var held = Assert.Single(logs.Lines);
        Assert.StartsWith("Error", held);
        Assert.Contains("Texts to delete at the provider not kept on disk: the disk is full; their SIDs are held in memory only until the store answers: " +
            "if the line restarts first, those texts (her number and her words) stay at Twilio", held);

        List<string> queued = [];
        await deletions.QueueAsync((sid, _) =>
        {
            queued.Add(sid);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(sids, queued);
        Assert.Equal(2, logs.Lines.Count);
        Assert.Contains("Texts to delete at the provider are queued again: 3 SID(s) were held in memory only over", logs.Lines.Last());
    }
}
