using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Spool;

/// <summary>Every second, writes to the store the opt-outs it refused (<see cref="OptOutSpoolWriter"/>), once it answers.</summary>
public sealed class OptOutSpoolWorker(OptOutSpoolWriter writer, ILogger<OptOutSpoolWorker> logger, TimeProvider time) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);

    // Said once while the store refuses, and again only after a pass that wrote them all.
    private bool _failing;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        if (writer.Spool.Count == 0) return;
        try
        {
            await writer.WriteThroughAsync(cancellationToken);
            _failing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (_failing) return;
            _failing = true;
            logger.LogWarning("{Count} opt-out(s) kept on disk still wait for the store: {Fault}", writer.Spool.Count, ex.GetType().Name);
        }
    }
}
