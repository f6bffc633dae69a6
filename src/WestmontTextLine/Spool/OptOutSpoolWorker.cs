using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Spool;

/// <summary>
/// Every second, writes to the store the opt-outs it refused (<see cref="OptOutSpoolWriter"/>), once it answers; those
/// the disk refused too, held in memory, go to the spool file first, once the disk has room.
/// </summary>
public sealed class OptOutSpoolWorker(OptOutSpoolWriter writer, ILogger<OptOutSpoolWorker> logger, TimeProvider time) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);

    private readonly PassFaults _faults = new(logger, "Opt-out spool pass",
        "the opt-outs kept on disk wait for the store, and nothing is sent to their numbers meanwhile");

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        if (writer.Spool.Count == 0) return;
        try
        {
            writer.KeepHeldOnDisk();
            await writer.WriteThroughAsync(cancellationToken);
            _faults.Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _faults.Failed(ex);
        }
    }
}
