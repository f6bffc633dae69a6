using Microsoft.Extensions.Logging;
using WestmontTextLine.Engine;
using WestmontTextLine.Outbound;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A STOP the store could not take, and the opt-out spool did not keep either: the line said "the spool is full or the
/// disk refused it", and the operator could not tell whether to free space on the disk or to bring the store back. An
/// outcome the full disk refused was said to be "kept to report again", though it waited in memory only.
/// </summary>
public sealed class SpoolRefusedLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void A_STOP_the_full_disk_refused_says_the_disk_is_full()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        volume.Fill();
        using var spool = new OptOutSpool(new SpoolFiles(Path.Combine(volume.Path, "textline.db")));

        var line = NotKeptLine(spool);

        Assert.StartsWith("Error", line);
        Assert.Contains("not kept on disk: the disk is full; held in memory only until the disk has room (lost if the line restarts first), and nothing is sent to her number meanwhile; gave the fallback", line);
    }

    [Fact]
    public void A_STOP_the_full_spool_refused_says_the_spool_is_full()
    {
        using var spool = new OptOutSpool(new SpoolFiles(null));
        SpoolFilled.ToCapacity(spool, Now);

        var line = NotKeptLine(spool);

        Assert.Contains("not kept on disk: the spool is full; held in memory only until the store answers (lost if the line restarts first)", line);
    }

    [SkippableFact]
    public void An_outcome_the_full_disk_refused_says_it_waits_in_memory_only_because_the_disk_is_full()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        volume.Fill();
        var logs = new CapturedLogs();
        var listeners = new OutcomeListeners([new StoreDownListener()], new UnreportedOutcomes(new SpoolFiles(Path.Combine(volume.Path, "textline.db"))),
            new LoggerFactory([logs]).CreateLogger<OutcomeListeners>());

        listeners.KeepForEvery(new OutboundOutcome("ci1", "alert_missed", OutboundStatus.Failed, 30007), new TimeoutException());

        var line = Assert.Single(logs.Lines);
        Assert.Contains("kept in memory only, to report again once the store answers, not on disk (the disk is full): lost if the line restarts first", line);
    }

    private static string NotKeptLine(OptOutSpool spool)
    {
        var logs = new CapturedLogs();
        var replies = new FaultReplies(new EngineHarness().Line, spool, new LoggerFactory([logs]).CreateLogger<FaultReplies>());

        var reply = replies.For("her-key", new InboundText("STOP", "SM00000000000000000000000000000001", Now));

        Assert.NotEqual("stop", reply.Label);
        return Assert.Single(logs.Lines);
    }

    private sealed class StoreDownListener : IOutboundOutcomes
    {
        public Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default) => throw new TimeoutException();
    }
}
