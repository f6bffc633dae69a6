using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Hosting;

/// <summary>
/// A background sweep that deletes what is past its time: once at start, then every <see cref="SweepInterval"/>. A
/// sweep that fails is tried again at the next; a run of failed sweeps is logged once, with its fault's type (never its
/// message, which can name a key), and once when a sweep works again (<see cref="PassFaults"/>).
/// </summary>
public abstract class PeriodicSweep(TimeProvider time, ILogger logger) : BackgroundService
{
    public abstract TimeSpan SweepInterval { get; }

    /// <summary>What the log calls it: "Retention sweep".</summary>
    protected abstract string Name { get; }

    /// <summary>What the log says waits while sweeps fail.</summary>
    protected virtual string WhileFailing => "what is past its time is deleted at the next sweep that works";

    private PassFaults? _faults;
    private PassFaults Faults => _faults ??= new PassFaults(logger, Name, WhileFailing);

    /// <summary>Completed sweeps, so tests can wait for one without sleeping.</summary>
    public int Sweeps => _sweeps;
    private int _sweeps;

    protected DateTimeOffset Now => time.GetUtcNow();

    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SweepOnceAsync(cancellationToken);
            Faults.Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Faults.Failed(ex);
        }
        finally
        {
            Interlocked.Increment(ref _sweeps);
        }
    }
}
