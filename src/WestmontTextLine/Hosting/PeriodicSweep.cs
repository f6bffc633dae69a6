namespace WestmontTextLine.Hosting;

/// <summary>
/// A background sweep that deletes what is past its time: once at start, then every <see cref="SweepInterval"/>. A
/// sweep that fails is logged (its fault's type, never its message, which can name a key) and tried again at the next.
/// </summary>
public abstract class PeriodicSweep(TimeProvider time, ILogger logger) : BackgroundService
{
    public abstract TimeSpan SweepInterval { get; }

    /// <summary>What the log calls it: "Retention sweep".</summary>
    protected abstract string Name { get; }

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
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Sweep} failed: {Fault}; will retry at the next sweep", Name, ex.GetType().Name);
        }
        finally
        {
            Interlocked.Increment(ref _sweeps);
        }
    }
}
